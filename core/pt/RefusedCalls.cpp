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
    };
    return names;
}

} // namespace

bool isRefusedCall(const QString& qualifiedName) {
    if (refusedNames().contains(qualifiedName))
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

} // namespace ds::pt
