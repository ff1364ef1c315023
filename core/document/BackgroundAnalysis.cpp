#include "BackgroundAnalysis.h"

namespace ds::document {

AnalysisResult analyse(const AnalysisRequest& request) {
    AnalysisResult result;
    if (!request.tree)
        return result;
    result.findings = session::runChecks(*request.tree, request.spec, nullptr, request.otherSets);
    if (request.reference)
        result.comparison =
            session::compareWithReference(*request.tree, request.spec, *request.reference);
    return result;
}

BackgroundAnalysis::BackgroundAnalysis(QObject* parent) : QObject(parent) {
    m_pool.setMaxThreadCount(1); // one analysis at a time; stale ones are skipped
}

BackgroundAnalysis::~BackgroundAnalysis() {
    m_wanted->store(-1);
    m_pool.waitForDone();
}

void BackgroundAnalysis::request(AnalysisRequest request) {
    const int generation = ++m_latest;
    m_wanted->store(generation);
    auto wanted = m_wanted;
    auto job = std::make_shared<AnalysisRequest>(std::move(request));
    m_pool.start([this, generation, wanted, job] {
        if (wanted->load() != generation)
            return; // a newer snapshot is queued behind this one
        auto result = std::make_shared<AnalysisResult>(analyse(*job));
        result->generation = generation;
        // Posted to this object: dropped by Qt if it is gone by then.
        QMetaObject::invokeMethod(
            this, [this, result] { deliver(*result); }, Qt::QueuedConnection);
    });
}

AnalysisResult BackgroundAnalysis::runNow(const AnalysisRequest& request) {
    const int generation = ++m_latest;
    m_wanted->store(generation);
    AnalysisResult result = analyse(request);
    result.generation = generation;
    m_delivered = generation;
    return result;
}

void BackgroundAnalysis::deliver(const AnalysisResult& result) {
    if (result.generation != m_latest)
        return;
    m_delivered = result.generation;
    emit finished(result);
}

} // namespace ds::document
