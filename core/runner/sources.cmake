# The export runner: DimStudio's Python runner started in the user's own
# interpreter (resources/dimstudio_runner.py, docs/runner-protocol.md), the
# requests it answers, and the loop that exports until torch accepts a spec.
list(APPEND DIMSTUDIO_CORE_SOURCES
    runner/PythonRunner.cpp
    runner/VerifyLoop.cpp
    runner/VerifyReportText.cpp
    runner/VerifyRequest.cpp
)
