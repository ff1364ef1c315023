#pragma once

#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace ds::verdict {

// One problem torch.export listed (a "  - " line under "Constraints
// violated" or "Specializations unexpectedly required", or the hint form).
struct Violation {
    enum class Kind {
        Range,       // Not all values of x = L[...] in the specified range satisfy ...
        Equal,       // The values of x = L[...] and y = L[...] must always be equal
        Specialized, // You marked x (or L[...]) as dynamic but ... a constant (N)
        Other,
    };
    Kind kind = Kind::Other;
    QString text;                   // the whole item, on one line
    QStringList names;              // the dimension names it mentions, in order
    QStringList sources;            // the L[...].size()[k] sources it mentions, in order
    std::optional<qint64> constant; // Specialized: the value export fixed
};

// One line of torch's "Suggested fixes:".
struct SuggestedFix {
    enum class Kind {
        Bounds,   // x = Dim('x', min=.., max=..): the range (a new root when x is no dim yet)
        Constant, // x = 4 (older torch: x = None  # 4)
        Equal,    // x = y
        Derived,  // x = 2*y + 1
    };
    Kind kind = Kind::Bounds;
    QString name;                   // the left-hand side
    QString line;                   // the line as torch wrote it, trimmed
    std::optional<qint64> min, max; // Bounds
    qint64 constant = 0;            // Constant
    QString base;                   // Equal, Derived
    qint64 mul = 1, add = 0;        // Derived (Equal is 1*base + 0)
};

// What torch said when it refused an export, read from its error text (any
// torch from 2.3 to 2.14; the text may carry a traceback before and the
// "The error above occurred ..." paragraph after).
struct TorchVerdict {
    std::vector<Violation> violations;
    std::vector<SuggestedFix> fixes;
    QStringList unparsed; // fix lines that are none of the forms above, as written
    // name -> source, from every "x = L[...].size()[k]" in the violations.
    std::vector<std::pair<QString, QString>> nameSources;

    bool isEmpty() const { return violations.empty() && fixes.empty() && unparsed.isEmpty(); }
};

TorchVerdict parseTorchError(const QString& text);

// The source of a dimension in torch's messages, L['a'][0]['keys'].size()[2],
// split into its pytree path and the dimension index.
struct SourceRef {
    std::vector<QString> path; // each part: a key ('a', keys) or an index (0), as text
    std::vector<bool> isIndex; // parallel to path: [0] rather than ['0']
    int dim = -1;              // -1 when the source names no .size()[k]
};
std::optional<SourceRef> parseSource(const QString& source);

} // namespace ds::verdict
