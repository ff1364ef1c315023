#pragma once

#include <QString>

#include <optional>
#include <vector>

namespace ds::exported {

// One size of one input as export made it: a constant, or a symbol (or an
// expression of symbols) with the range torch kept for it.
struct ExportedSize {
    bool constant = false;
    qint64 value = 0;               // constant
    QString expr;                   // symbolic: "s23", "2*s23 + 1"
    std::optional<qint64> min, max; // symbolic: range (max absent: unbounded)
    std::optional<qint64> hint;     // symbolic: the example's size, when the artifact says
    // The symbol when expr is a plain one ("s23"), else empty.
    QString symbol() const;
};

// One input of an exported program, in the order export flattened them.
struct ExportedInput {
    QString path; // its pytree path as torch writes it: ['past_key_values'][0]['keys']
    QString name; // the program's input name: past_key_values_0_keys (ONNX: its graph input)
    bool tensor = true;
    std::vector<ExportedSize> dims; // a tensor's sizes; an int input has one entry
    // Below a registered class (a cache) a saved program's tree spec gives
    // children by position only: [0][1] where the live run says ['key_cache'][1].
    bool pathIsPositional = false;
};

// What an exported artifact says about its inputs: the live run of the
// runner, a saved exported program, an ONNX model.
struct ExportedShapes {
    std::vector<ExportedInput> inputs;
    QString origin;        // "torch.export 2.14.1", a file
    bool hasRanges = true; // ONNX keeps no min/max: bounds cannot be compared
};

} // namespace ds::exported
