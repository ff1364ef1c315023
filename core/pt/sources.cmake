# Reading torch.save files without running them (see core/pt/TorchFileReader.h).
# Debian's libzip-dev ships a CMake package that fails unless the libzip-tools
# binaries are installed too, so locate the library directly and make the
# same imported target find_package(libzip) would.
if(NOT TARGET libzip::zip)
    find_path(LIBZIP_INCLUDE_DIR zip.h REQUIRED)
    find_library(LIBZIP_LIBRARY NAMES zip REQUIRED)
    add_library(libzip::zip UNKNOWN IMPORTED GLOBAL)
    set_target_properties(libzip::zip PROPERTIES
        IMPORTED_LOCATION ${LIBZIP_LIBRARY}
        INTERFACE_INCLUDE_DIRECTORIES ${LIBZIP_INCLUDE_DIR})
endif()

list(APPEND DIMSTUDIO_CORE_SOURCES
    pt/CallArguments.cpp
    pt/EntryIndex.cpp
    pt/PickleInterpreter.cpp
    pt/PickleMachine.cpp
    pt/PickleMachineStep.cpp
    pt/PickleMemoReads.cpp
    pt/PickleOpcodes.cpp
    pt/PickleText.cpp
    pt/RefusedCalls.cpp
    pt/StorageClasses.cpp
    pt/TensorDataModule.cpp
    pt/TensorDataSource.cpp
    pt/TensorExtent.cpp
    pt/TensorValues.cpp
    pt/TorchFileReader.cpp
    pt/TorchInterpreter.cpp
    pt/TorchLegacyReader.cpp
    pt/TorchTensorCalls.cpp
    pt/TorchZipLayout.cpp
    pt/TorchZipReader.cpp
    pt/ValueGraphCheck.cpp
    pt/ZipArchive.cpp
)
list(APPEND DIMSTUDIO_CORE_EXTRA_LIBS libzip::zip)
# Where the build tree puts the LibTorch module, for runs from the build tree.
set_source_files_properties(pt/TensorDataModule.cpp PROPERTIES COMPILE_DEFINITIONS
    "DIMSTUDIO_TENSORDATA_BUILD_DIR=\"${CMAKE_CURRENT_BINARY_DIR}/tensordata\"")
