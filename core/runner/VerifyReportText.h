#pragma once

#include "VerifyLoop.h"

#include <QByteArray>

namespace ds::runner {

// The report of `dimstudio verify`: the environment, each round (torch's
// verdict, the changes applied and why, what could not be applied), what
// export made of each dimension, and the runs against eager.
QString verifyReportToText(const VerifyReport& report, const spec::ExportTree& tree,
                           const QString& pythonCommand);
QByteArray verifyReportToJson(const VerifyReport& report, const spec::ExportTree& tree,
                              const QString& pythonCommand);

// The changes of one applied verdict, one line each ("attention_mask dim 1:
// 'seq_1' -> Dim('seq_1', min=4)  (seq_1 = Dim('seq_1', min=4))"), then the
// lines that could not be applied.
QString verdictChangesText(const verdict::VerdictOutcome& outcome, const spec::ExportTree& tree,
                           const QString& indent = QString());

} // namespace ds::runner
