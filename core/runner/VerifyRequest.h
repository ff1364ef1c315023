#pragma once

#include "exported/ExportedShapes.h"
#include "session/Session.h"

#include <QJsonObject>

namespace ds::runner {

// The model to export: a Python file and the callable in it that returns an
// nn.Module, or a transformers config.json (built with random weights).
struct ModelSpec {
    bool config = false;
    QString path;     // absolute
    QString callable; // the name after ':' (python files)
};
// "path/to/file.py:make_model" or "path/to/config.json". Errors name the argument.
Result<ModelSpec> parseModelArgument(const QString& argument);

// The classes the inputs' pickle names beyond torch's own: those the runner
// must allow for torch.load(weights_only=True), and those DimStudio did not
// recognise (the runner loads those only with --trust-pickle).
struct PickleClasses {
    QStringList allowed;      // caches, layers, model outputs
    QStringList unrecognised; // anything else
    QStringList modelOutputs; // ModelOutputs: weights_only cannot load them at all
};
// `untrustedNames`: LoadedInputs::untrustedNames, names the tree may not show.
PickleClasses pickleClasses(const InputValue& root, const QStringList& untrustedNames = {});

struct VerifyOptions {
    ModelSpec model;
    QString otherInputs;     // absolute; empty for none
    bool changeDims = false; // also run on the inputs with every dynamic size moved by one
    bool trustPickle = false;
};

// The layout a verify uses when none is asked: transformers' own when every
// cache holds only plain DynamicLayers (keys and values are all there is),
// else `layers`, the one that carries sliding windows, static caches and
// linear-attention states.
caches::CacheLayout verifyLayout(const InputValue& root);

// Whether the runner may load `inputs` as asked: an error naming the file
// and what to do when it holds classes that need --trust-pickle.
Status checkLoadable(const LoadedInputs& inputs, bool trustPickle);

// The spec in the runner's typed JSON ({"dict": [[k, v]...]}, {"tuple": [...]},
// {"dim": "batch", "min": 1}, {"hint": "DYNAMIC"}, ...).
QJsonValue typedSpec(const spec::ExportTree& tree, const spec::ShapeSpec& spec);

// A verify request for `spec` on the session's inputs and tree layout.
QJsonObject verifyRequest(const session::Session& session, const spec::ShapeSpec& spec,
                          const VerifyOptions& options);

// One run of the exported program against the eager model.
struct VerifyRun {
    QString name; // "inputs", "other_inputs", "changed_dims"
    bool ok = false;
    std::optional<double> maxAbsDiff;
    int outputs = 0;
    QString message;
};

// Who registered a class with torch's pytree, and whether faithfully.
struct Registration {
    QString className;
    QString by; // "transformers", "dimstudio"
    QString layout;
    bool faithful = true;
    QString note;
};

// A runner's answer to verify.
struct VerifyResult {
    bool exported = false;
    QString errorType; // refused: the exception's type
    QString errorText; // refused: its whole text
    exported::ExportedShapes shapes;
    std::vector<VerifyRun> runs;
    std::vector<Registration> registrations;
    QStringList notes;
    double exportSeconds = 0;
    double totalSeconds = 0;
    bool modelCached = false;
    bool runsOk() const;
};
Result<VerifyResult> parseVerifyResult(const QJsonObject& result);

} // namespace ds::runner
