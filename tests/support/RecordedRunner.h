#pragma once

// Replays what the export runner answered in a real run recorded with
// DIMSTUDIO_RUNNER_LOG (tests/fixtures/runner_answers/record_answers.sh):
// each verify request DimStudio makes now must be the one it made then
// (same spec, layout and classes), and gets the answer torch gave then.
#include "runner/VerifyLoop.h"

#include <QFile>
#include <QJsonDocument>

#include <memory>
#include <vector>

struct RecordedRunner {
    ds::runner::RunnerInfo environment;
    std::vector<QJsonObject> requests;
    std::vector<QJsonObject> answers;
    size_t next = 0;
    QStringList mismatches;

    static std::shared_ptr<RecordedRunner> load(const QString& path) {
        auto r = std::make_shared<RecordedRunner>();
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return nullptr;
        for (const QByteArray& line : file.readAll().split('\n')) {
            const QJsonObject o = QJsonDocument::fromJson(line).object();
            if (o.value(QStringLiteral("event")) == QLatin1String("ready")) {
                r->environment.python = o.value(QStringLiteral("python")).toString();
                r->environment.torch = o.value(QStringLiteral("torch")).toString();
                r->environment.transformers = o.value(QStringLiteral("transformers")).toString();
            } else if (o.value(QStringLiteral("cmd")) == QLatin1String("verify")) {
                r->requests.push_back(o);
            } else if (o.value(QStringLiteral("event")) == QLatin1String("result")) {
                r->answers.push_back(o);
            }
        }
        return r;
    }

    ds::runner::AnswerSource source() {
        return [this](const QJsonObject& request) -> ds::Result<QJsonObject> {
            if (next >= answers.size())
                return ds::Error(QStringLiteral("no more recorded answers"));
            const QJsonObject& then = requests[next];
            for (const char* key : {"dynamic_shapes", "layout", "allowed_classes"})
                if (then.value(QLatin1String(key)) != request.value(QLatin1String(key)))
                    mismatches << QStringLiteral("request %1: %2 differs").arg(next).arg(key);
            return answers[next++];
        };
    }
};
