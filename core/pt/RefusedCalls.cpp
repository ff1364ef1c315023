#include "RefusedCalls.h"

#include <QSet>
#include <QStringList>

namespace ds::pt {

namespace {

// Whole modules: anything they export executes, imports, or does I/O.
const QSet<QString>& refusedModules() {
    static const QSet<QString> modules{
        QStringLiteral("os"),
        QStringLiteral("posix"),
        QStringLiteral("nt"),
        QStringLiteral("subprocess"),
        QStringLiteral("sys"),
        QStringLiteral("shutil"),
        QStringLiteral("socket"),
        QStringLiteral("importlib"),
        QStringLiteral("runpy"),
        QStringLiteral("pty"),
        QStringLiteral("ctypes"),
        QStringLiteral("webbrowser"),
        QStringLiteral("code"),
        QStringLiteral("codeop"),
        QStringLiteral("pdb"),
        QStringLiteral("pickle"),
        QStringLiteral("_pickle"),
        QStringLiteral("marshal"),
        QStringLiteral("types"),
        QStringLiteral("operator"),
        QStringLiteral("functools"),
        QStringLiteral("signal"),
        QStringLiteral("multiprocessing"),
        QStringLiteral("threading"),
        QStringLiteral("_thread"),
        QStringLiteral("asyncio"),
        QStringLiteral("http"),
        QStringLiteral("urllib"),
        QStringLiteral("ftplib"),
        QStringLiteral("smtplib"),
        QStringLiteral("telnetlib"),
        QStringLiteral("tempfile"),
        QStringLiteral("glob"),
        QStringLiteral("pathlib"),
        QStringLiteral("io"),
        QStringLiteral("_io"),
        QStringLiteral("zipimport"),
        QStringLiteral("inspect"),
        QStringLiteral("posixpath"),
        QStringLiteral("ntpath"),
        QStringLiteral("commands"),
        QStringLiteral("popen2"),
        QStringLiteral("platform"),
        QStringLiteral("imp"),
        QStringLiteral("pkgutil"),
        QStringLiteral("timeit"),
        QStringLiteral("trace"),
        QStringLiteral("cProfile"),
        QStringLiteral("profile"),
        QStringLiteral("shelve"),
        QStringLiteral("dbm"),
        QStringLiteral("sqlite3"),
        QStringLiteral("ssl"),
        QStringLiteral("select"),
        QStringLiteral("selectors"),
        QStringLiteral("fcntl"),
        QStringLiteral("resource"),
        QStringLiteral("gc"),
        QStringLiteral("_posixsubprocess"),
        QStringLiteral("pydoc"),
        QStringLiteral("distutils"),
        QStringLiteral("setuptools"),
        QStringLiteral("pip"),
        QStringLiteral("sysconfig"),
        QStringLiteral("mmap"),
        QStringLiteral("torch.utils.cpp_extension"),
        QStringLiteral("torch.hub"),
        QStringLiteral("torch.package"),
        QStringLiteral("torch.jit"),
        QStringLiteral("torch.cuda.nvtx"),
    };
    return modules;
}

// Single functions of otherwise harmless modules.
const QSet<QString>& refusedNames() {
    static const QSet<QString> names{
        QStringLiteral("builtins.eval"),
        QStringLiteral("builtins.exec"),
        QStringLiteral("builtins.execfile"),
        QStringLiteral("builtins.compile"),
        QStringLiteral("builtins.open"),
        QStringLiteral("builtins.file"),
        QStringLiteral("builtins.__import__"),
        QStringLiteral("builtins.getattr"),
        QStringLiteral("builtins.setattr"),
        QStringLiteral("builtins.delattr"),
        QStringLiteral("builtins.globals"),
        QStringLiteral("builtins.locals"),
        QStringLiteral("builtins.vars"),
        QStringLiteral("builtins.input"),
        QStringLiteral("builtins.raw_input"),
        QStringLiteral("builtins.breakpoint"),
        QStringLiteral("builtins.exit"),
        QStringLiteral("builtins.quit"),
        QStringLiteral("builtins.help"),
        QStringLiteral("builtins.apply"),
        QStringLiteral("builtins.reload"),
        QStringLiteral("builtins.memoryview"),
        QStringLiteral("builtins.type"),
        QStringLiteral("builtins.classmethod"),
        QStringLiteral("builtins.staticmethod"),
        QStringLiteral("builtins.property"),
        QStringLiteral("builtins.super"),
        QStringLiteral("torch.load"),
        QStringLiteral("torch.serialization.load"),
        QStringLiteral("torch.storage._load_from_bytes"),
        QStringLiteral("torch.jit.load"),
        QStringLiteral("torch.hub.load"),
        QStringLiteral("numpy.load"),
        QStringLiteral("numpy.loadtxt"),
        QStringLiteral("numpy.fromfile"),
        QStringLiteral("numpy.testing._private.utils.runstring"),
        QStringLiteral("codecs.open"),
        QStringLiteral("torch.from_file"),
        QStringLiteral("torch.Storage.from_file"),
        QStringLiteral("torch.save"),
    };
    return names;
}

// Last parts that load, open or run whatever the module they belong to:
// numpy.lib.npyio.load, torch.UntypedStorage.from_file, tarfile.open, ...
// Nothing an inputs file holds is rebuilt by a function of these names.
const QSet<QString>& refusedLastParts() {
    static const QSet<QString> parts{
        QStringLiteral("load"),          QStringLiteral("loads"),
        QStringLiteral("load_inline"),   QStringLiteral("from_file"),
        QStringLiteral("fromfile"),      QStringLiteral("open"),
        QStringLiteral("system"),        QStringLiteral("popen"),
        QStringLiteral("fork_exec"),     QStringLiteral("spawnv"),
        QStringLiteral("execv"),         QStringLiteral("execve"),
        QStringLiteral("pipepager"),     QStringLiteral("tempfilepager"),
        QStringLiteral("run_path"),      QStringLiteral("run_module"),
        QStringLiteral("import_module"), QStringLiteral("__import__"),
        QStringLiteral("eval"),          QStringLiteral("exec"),
    };
    return parts;
}

bool isDunder(QStringView part) {
    return part.size() > 4 && part.startsWith(QLatin1String("__")) &&
           part.endsWith(QLatin1String("__"));
}

} // namespace

bool isRefusedCall(const QString& qualifiedName) {
    if (refusedNames().contains(qualifiedName))
        return true;
    const qsizetype lastDot = qualifiedName.lastIndexOf(QLatin1Char('.'));
    if (lastDot >= 0 && refusedLastParts().contains(qualifiedName.mid(lastDot + 1)))
        return true;
    // "os.path.join" is refused through "os"; check every prefix.
    const QStringList parts = qualifiedName.split(QLatin1Char('.'));
    QString prefix;
    for (int i = 0; i + 1 < parts.size(); ++i) {
        prefix = i == 0 ? parts[0] : prefix + QLatin1Char('.') + parts[i];
        if (refusedModules().contains(prefix))
            return true;
    }
    // Private torch C bindings and torch's own loaders run arbitrary native code.
    if (qualifiedName.startsWith(QLatin1String("torch._C.")) ||
        qualifiedName.startsWith(QLatin1String("torch._ops.")) ||
        qualifiedName.startsWith(QLatin1String("torch.ops.")))
        return true;
    return false;
}

QString refusedGlobalReason(const QString& module, const QString& name) {
    const QString whole = module + QLatin1Char('.') + name;
    const auto refused = [](const QString& what) {
        return QStringLiteral("%1; DimStudio never runs code from a file, and an inputs file has "
                              "no reason to name it, so the file is refused")
            .arg(what);
    };
    if (!name.contains(QLatin1Char('.'))) {
        if (isRefusedCall(whole))
            return refused(QStringLiteral("the file names %1, which Python would import to run "
                                          "it on load")
                               .arg(whole));
        return QString();
    }
    // A dotted name: Python takes getattr(module, part) for each part, so any
    // module imported along the way can be reached ("torch" + "os.system").
    const QStringList parts = name.split(QLatin1Char('.'));
    for (const QString& part : parts)
        if (isDunder(part))
            return refused(QStringLiteral("the file names %1 / %2, which reaches the attribute "
                                          "%3")
                               .arg(module, name, part));
    // The name's own dotted tails first ("os.system" in torch / os.system),
    // then the whole name (torch / serialization.load).
    for (int i = 0; i <= parts.size(); ++i) {
        if (i == parts.size() - 1)
            continue; // a single part is no qualified name
        const QString reached = i < parts.size() ? parts.mid(i).join(QLatin1Char('.')) : whole;
        if (isRefusedCall(reached))
            return refused(QStringLiteral("the file names %1 / %2, which Python resolves "
                                          "attribute by attribute to %3")
                               .arg(module, name, reached));
    }
    return QString();
}

} // namespace ds::pt
