# Installing DimStudio as a desktop application, and its Debian package.
#
# What `cmake --install` puts under the prefix, besides bin/dimstudio and the
# on-demand modules in lib/dimstudio (their own CMakeLists.txt):
#   share/applications/<app id>.desktop            the desktop entry
#   share/metainfo/<app id>.metainfo.xml           AppStream, for software centres
#   share/mime/packages/<app id>.xml               the spec and torch.save file types
#   share/icons/hicolor/scalable/apps/<app id>.svg the icon, and PNGs of it:
#   share/icons/hicolor/NxN/apps/<app id>.png      rendered at build time
# `cpack -G DEB` in the build folder makes dimstudio_<version>_<arch>.deb of it
# all, installed under /usr. Checked by tests/install (tst_install: the files
# agree with each other, the installed program finds its modules; the CI stage
# run_install_stage.sh: validators, and the package on a clean Debian 12).
#
# DIMSTUDIO_APP_ID (set in the top-level CMakeLists.txt) names every file above
# and is what the running app gives QGuiApplication::setDesktopFileName.

set(DIMSTUDIO_DESKTOP_FILES ${PROJECT_SOURCE_DIR}/resources/desktop)
set(DIMSTUDIO_ICON_SVG ${PROJECT_SOURCE_DIR}/resources/icons/dimstudio.svg)
# The sizes desktops ask hicolor for most; 48 is the one the icon theme
# specification requires. Others are scaled from the SVG.
set(DIMSTUDIO_ICON_SIZES 16 32 48 64 128 256)

install(FILES ${DIMSTUDIO_DESKTOP_FILES}/${DIMSTUDIO_APP_ID}.desktop
        DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(FILES ${DIMSTUDIO_DESKTOP_FILES}/${DIMSTUDIO_APP_ID}.metainfo.xml
        DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)
install(FILES ${DIMSTUDIO_DESKTOP_FILES}/${DIMSTUDIO_APP_ID}.xml
        DESTINATION ${CMAKE_INSTALL_DATADIR}/mime/packages)
install(FILES ${DIMSTUDIO_ICON_SVG}
        DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps
        RENAME ${DIMSTUDIO_APP_ID}.svg)

# The PNGs, drawn by Qt's SVG renderer (the one that draws the window icon).
# A build tool, not part of the product: built without the sanitizers (LSan
# would judge Qt's exit in the middle of a build) and without mimalloc.
add_executable(dimstudio_render_icon ${PROJECT_SOURCE_DIR}/resources/icons/RenderIcon.cpp)
target_link_libraries(dimstudio_render_icon PRIVATE Qt6::Svg Qt6::Gui)
set_target_properties(dimstudio_render_icon PROPERTIES
    AUTOMOC OFF AUTOUIC OFF AUTORCC OFF
    COMPILE_OPTIONS "-Wall;-Wextra;-Wpedantic"
    LINK_OPTIONS "")
set(icon_pngs)
foreach(size IN LISTS DIMSTUDIO_ICON_SIZES)
    set(dir ${PROJECT_BINARY_DIR}/resources/icons/${size}x${size})
    set(png ${dir}/${DIMSTUDIO_APP_ID}.png)
    add_custom_command(OUTPUT ${png}
        COMMAND ${CMAKE_COMMAND} -E make_directory ${dir}
        COMMAND dimstudio_render_icon ${DIMSTUDIO_ICON_SVG} ${size} ${png}
        DEPENDS dimstudio_render_icon ${DIMSTUDIO_ICON_SVG}
        COMMENT "Rendering the ${size} px application icon"
        VERBATIM)
    list(APPEND icon_pngs ${png})
    install(FILES ${png} DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/${size}x${size}/apps)
endforeach()
add_custom_target(dimstudio_icons ALL DEPENDS ${icon_pngs})

# The Debian package. Its Depends come from dpkg-shlibdeps on the program and
# the modules (Qt, QCustomPlot, mimalloc, LibTorch, ONNX...); libqt6svg6, whose
# icon engine plugin draws the window icon, among them since the program links
# QtSvg (the install stage checks that it stays so).
set(DIMSTUDIO_DEB_MAINTAINER "DimStudio maintainers <maintainers@dimstudio.invalid>"
    CACHE STRING "The Maintainer field of the Debian package")
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME dimstudio)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR DimStudio)
set(CPACK_PACKAGE_CONTACT ${DIMSTUDIO_DEB_MAINTAINER})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "editor and checker of torch.export dynamic shapes")
set(CPACK_PACKAGE_DESCRIPTION
    "DimStudio helps people who export PyTorch models with torch.export or
torch.onnx.export get dynamic_shapes right. It opens the inputs they saved
with torch.save (without executing any pickled code), shows them as a tree,
lets them make each dimension static or dynamic and name it, checks the spec,
compares it with a reference and writes it as text to paste into export code.

The dimstudio command line does the same without a display.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER ${DIMSTUDIO_DEB_MAINTAINER})
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# Qt's Wayland platform (without it the window goes through XWayland).
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "qt6-wayland")
include(CPack)
