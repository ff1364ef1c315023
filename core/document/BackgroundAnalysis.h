#pragma once

#include "session/SessionAnalysis.h"

#include <QObject>
#include <QThreadPool>

#include <atomic>
#include <memory>
#include <optional>

namespace ds::document {

// A snapshot of what the checks and the comparison look at.
struct AnalysisRequest {
    std::shared_ptr<const spec::ExportTree> tree;
    spec::ShapeSpec spec;
    std::optional<session::SpecReading> reference;
    std::vector<std::shared_ptr<const spec::ExportTree>> otherSets; // for checks over every set
};

struct AnalysisResult {
    int generation = 0;
    std::vector<analysis::CheckFinding> findings;
    std::optional<analysis::SpecComparison> comparison; // set when the request had a reference
};

AnalysisResult analyse(const AnalysisRequest& request);

// Runs the checks and the reference comparison off the GUI thread: on
// 100,000 tensors they take far longer than a click may. Results come back on
// the owner's thread; a newer request makes older ones moot.
class BackgroundAnalysis : public QObject {
    Q_OBJECT
public:
    explicit BackgroundAnalysis(QObject* parent = nullptr);
    ~BackgroundAnalysis() override; // waits for the running job

    void request(AnalysisRequest request);
    // On this thread, now; what is pending is dropped.
    AnalysisResult runNow(const AnalysisRequest& request);
    bool isPending() const { return m_delivered != m_latest; }

signals:
    void finished(const ds::document::AnalysisResult& result);

private:
    void deliver(const AnalysisResult& result);

    QThreadPool m_pool;
    std::shared_ptr<std::atomic<int>> m_wanted = std::make_shared<std::atomic<int>>(0);
    int m_latest = 0;
    int m_delivered = 0;
};

} // namespace ds::document
