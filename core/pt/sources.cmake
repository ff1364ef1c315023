# Zip archives are read by core/pt/ZipDirectory + ZipArchive; zlib (Debian's
# zlib1g-dev) inflates deflated entries and checks CRCs.
find_package(ZLIB REQUIRED)

list(APPEND DIMSTUDIO_CORE_SOURCES
    pt/CallArguments.cpp
    pt/EntryIndex.cpp
    pt/PickleInterpreter.cpp
    pt/PickleMachine.cpp
    pt/PickleMachineStep.cpp
    pt/PickleMemoReads.cpp
    pt/PickleOpcodes.cpp
    pt/PickleText.cpp
    pt/RecognisedNames.cpp
    pt/RefusedCalls.cpp
    pt/StorageClasses.cpp
    pt/TensorDataModule.cpp
    pt/TensorDataSource.cpp
    pt/TensorExtent.cpp
    pt/TensorValues.cpp
    pt/TorchInterpreter.cpp
    pt/TorchLegacyReader.cpp
    pt/TorchTensorCalls.cpp
    pt/TorchZipLayout.cpp
    pt/TorchZipReader.cpp
    pt/ValueGraphCheck.cpp
    pt/ZipArchive.cpp
    pt/ZipDirectory.cpp
)
list(APPEND DIMSTUDIO_CORE_EXTRA_LIBS ZLIB::ZLIB)
# Where the build tree puts the LibTorch module, for runs from the build tree.
set_source_files_properties(pt/TensorDataModule.cpp PROPERTIES COMPILE_DEFINITIONS
    "DIMSTUDIO_TENSORDATA_BUILD_DIR=\"${CMAKE_CURRENT_BINARY_DIR}/tensordata\"")
