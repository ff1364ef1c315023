#include "TorchErrorText.h"

#include <QRegularExpression>

namespace ds::verdict {

namespace {

// A dimension's source: L, then ['key'], [0] or .attr parts, then .size()[k].
const QString kSourcePattern = QStringLiteral(
    R"re(L(?:\[(?:'[^']*'|"[^"]*"|-?\d+)\]|\.(?!size\()[A-Za-z_]\w*)+(?:\.size\(\)\[\d+\])?)re");

const QRegularExpression& sourceRe() {
    static const QRegularExpression re(kSourcePattern);
    return re;
}

const QRegularExpression& nameSourceRe() {
    static const QRegularExpression re(QStringLiteral(R"re(([A-Za-z_]\w*) = ()re") +
                                       kSourcePattern + QStringLiteral(")"));
    return re;
}

bool startsItem(const QString& line) {
    return line.trimmed().startsWith(QLatin1String("- "));
}

Violation readViolation(const QString& text) {
    Violation v;
    v.text = text;
    for (auto it = nameSourceRe().globalMatch(text); it.hasNext();) {
        const auto m = it.next();
        v.names << m.captured(1);
    }
    for (auto it = sourceRe().globalMatch(text); it.hasNext();)
        v.sources << it.next().captured(0);
    static const QRegularExpression constant(QStringLiteral(
        R"re((?:constant \((-?\d+)\)|specialized value of (-?\d+)|constant value \((-?\d+)\)))re"));
    if (const auto m = constant.match(text); m.hasMatch()) {
        for (int i = 1; i <= 3; ++i)
            if (!m.captured(i).isEmpty())
                v.constant = m.captured(i).toLongLong();
    }
    static const QRegularExpression marked(
        QStringLiteral(R"re(You marked ([A-Za-z_]\w*) as dynamic)re"));
    if (const auto m = marked.match(text); m.hasMatch() && !v.names.contains(m.captured(1)))
        v.names.prepend(m.captured(1));
    if (text.contains(QLatin1String("must always be equal")))
        v.kind = Violation::Kind::Equal;
    else if (v.constant)
        v.kind = Violation::Kind::Specialized;
    else if (text.contains(QLatin1String("Not all values of")))
        v.kind = Violation::Kind::Range;
    return v;
}

std::optional<qint64> intArgument(const QString& args, const char* name) {
    const QRegularExpression re(
        QStringLiteral(R"re(\b%1\s*=\s*(-?\d+))re").arg(QLatin1String(name)));
    const auto m = re.match(args);
    if (!m.hasMatch())
        return std::nullopt;
    return m.captured(1).toLongLong();
}

std::optional<SuggestedFix> readFix(const QString& raw) {
    QString line = raw.trimmed();
    SuggestedFix fix;
    fix.line = line;
    static const QRegularExpression head(QStringLiteral(R"re(^([A-Za-z_]\w*)\s*=\s*(.*)$)re"));
    const auto h = head.match(line);
    if (!h.hasMatch())
        return std::nullopt;
    fix.name = h.captured(1);
    QString rhs = h.captured(2);
    QString comment;
    if (const int hash = rhs.indexOf(QLatin1Char('#')); hash >= 0) {
        comment = rhs.mid(hash + 1).trimmed();
        rhs = rhs.left(hash);
    }
    rhs = rhs.trimmed();

    static const QRegularExpression dim(QStringLiteral(R"re(^Dim\(\s*['"]([^'"]*)['"](.*)\)$)re"));
    static const QRegularExpression integer(QStringLiteral(R"re(^-?\d+$)re"));
    static const QRegularExpression ident(QStringLiteral(R"re(^[A-Za-z_]\w*$)re"));
    static const QRegularExpression derived(QStringLiteral(
        R"re(^(?:(\d+)\s*\*\s*)?([A-Za-z_]\w*)(?:\s*\*\s*(\d+))?(?:\s*([+-])\s*(\d+))?$)re"));
    if (const auto m = dim.match(rhs); m.hasMatch()) {
        fix.kind = SuggestedFix::Kind::Bounds;
        fix.min = intArgument(m.captured(2), "min");
        fix.max = intArgument(m.captured(2), "max");
        return fix;
    }
    if (integer.match(rhs).hasMatch()) {
        fix.kind = SuggestedFix::Kind::Constant;
        fix.constant = rhs.toLongLong();
        return fix;
    }
    // torch before 2.4: "x = None  # 4" specialises x to the value in the comment.
    if (rhs == QLatin1String("None") && integer.match(comment).hasMatch()) {
        fix.kind = SuggestedFix::Kind::Constant;
        fix.constant = comment.toLongLong();
        return fix;
    }
    if (ident.match(rhs).hasMatch()) {
        fix.kind = SuggestedFix::Kind::Equal;
        fix.base = rhs;
        return fix;
    }
    if (const auto m = derived.match(rhs); m.hasMatch()) {
        fix.kind = SuggestedFix::Kind::Derived;
        fix.base = m.captured(2);
        fix.mul = !m.captured(1).isEmpty()   ? m.captured(1).toLongLong()
                  : !m.captured(3).isEmpty() ? m.captured(3).toLongLong()
                                             : 1;
        fix.add = m.captured(5).isEmpty() ? 0 : m.captured(5).toLongLong();
        if (m.captured(4) == QLatin1String("-"))
            fix.add = -fix.add;
        return fix;
    }
    return std::nullopt;
}

} // namespace

TorchVerdict parseTorchError(const QString& text) {
    TorchVerdict verdict;
    const QStringList lines =
        QString(text).replace(QLatin1String("\r\n"), QLatin1String("\n")).split(QLatin1Char('\n'));
    // Violations: "  - " items, each possibly continued on the following lines.
    QString item;
    auto flush = [&] {
        if (!item.isEmpty())
            verdict.violations.push_back(readViolation(item.simplified()));
        item.clear();
    };
    int fixesAt = -1;
    for (int i = 0; i < lines.size(); ++i) {
        const QString& line = lines[i];
        if (line.trimmed() == QLatin1String("Suggested fixes:")) {
            flush();
            fixesAt = i + 1;
            break;
        }
        if (startsItem(line)) {
            flush();
            item = line.trimmed().mid(2);
        } else if (!item.isEmpty() && !line.trimmed().isEmpty()) {
            item += QLatin1Char(' ') + line.trimmed();
        } else {
            flush();
        }
    }
    flush();
    // A hint's specialisation can come on its own line, outside any list.
    if (verdict.violations.empty()) {
        static const QRegularExpression marked(QStringLiteral(
            R"re(You marked .* as dynamic but your code specialized it to be a constant \(-?\d+\))re"));
        for (const QString& line : lines)
            if (const auto m = marked.match(line); m.hasMatch())
                verdict.violations.push_back(readViolation(m.captured(0)));
    }
    // Fixes: one per line until a blank line once some were read, or the
    // paragraph torch appends ("The error above occurred ...").
    if (fixesAt >= 0) {
        for (int i = fixesAt; i < lines.size(); ++i) {
            const QString line = lines[i].trimmed();
            if (line.isEmpty()) {
                if (!verdict.fixes.empty() || !verdict.unparsed.isEmpty())
                    break;
                continue;
            }
            if (line.startsWith(QLatin1String("The error above occurred")))
                break;
            if (auto fix = readFix(line))
                verdict.fixes.push_back(std::move(*fix));
            else
                verdict.unparsed << line;
        }
    }
    for (const Violation& v : verdict.violations)
        for (auto it = nameSourceRe().globalMatch(v.text); it.hasNext();) {
            const auto m = it.next();
            const std::pair<QString, QString> pair{m.captured(1), m.captured(2)};
            if (std::find(verdict.nameSources.begin(), verdict.nameSources.end(), pair) ==
                verdict.nameSources.end())
                verdict.nameSources.push_back(pair);
        }
    return verdict;
}

std::optional<SourceRef> parseSource(const QString& source) {
    if (!source.startsWith(QLatin1Char('L')))
        return std::nullopt;
    SourceRef ref;
    int i = 1;
    while (i < source.size()) {
        if (source[i] == QLatin1Char('[')) {
            const int close = source.indexOf(QLatin1Char(']'), i);
            if (close < 0)
                return std::nullopt;
            QString part = source.mid(i + 1, close - i - 1);
            const bool quoted = part.size() >= 2 && (part.startsWith(QLatin1Char('\'')) ||
                                                     part.startsWith(QLatin1Char('"')));
            if (quoted)
                part = part.mid(1, part.size() - 2);
            ref.path.push_back(part);
            ref.isIndex.push_back(!quoted);
            i = close + 1;
        } else if (source.mid(i).startsWith(QLatin1String(".size()["))) {
            const int start = i + 8;
            const int close = source.indexOf(QLatin1Char(']'), start);
            if (close < 0)
                return std::nullopt;
            bool ok = false;
            ref.dim = source.mid(start, close - start).toInt(&ok);
            if (!ok)
                return std::nullopt;
            i = close + 1;
        } else if (source[i] == QLatin1Char('.')) {
            int end = i + 1;
            while (end < source.size() &&
                   (source[end].isLetterOrNumber() || source[end] == QLatin1Char('_')))
                ++end;
            ref.path.push_back(source.mid(i + 1, end - i - 1));
            ref.isIndex.push_back(false);
            i = end;
        } else {
            break;
        }
    }
    if (ref.path.empty())
        return std::nullopt;
    return ref;
}

} // namespace ds::verdict
