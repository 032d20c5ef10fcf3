# UI translations: Simplified Chinese (default) and English. Included by src/gui/CMakeLists.txt so the
# compiled .qm files are embedded in gridwhistle_gui as :/i18n/gridwhistle_<lang>.qm.
# Update the .ts files after changing user-visible strings with:  ninja update_translations
# (scans src/ and ui/), then translate in Qt Linguist.
file(GLOB_RECURSE GW_TRANSLATABLE_SOURCES CONFIGURE_DEPENDS
    ${CMAKE_SOURCE_DIR}/src/*.cpp ${CMAKE_SOURCE_DIR}/src/*.h ${CMAKE_SOURCE_DIR}/ui/*.ui)
qt_add_translations(gridwhistle_gui
    TS_FILES
        ${CMAKE_SOURCE_DIR}/translations/gridwhistle_zh_CN.ts
        ${CMAKE_SOURCE_DIR}/translations/gridwhistle_en.ts
    SOURCES ${GW_TRANSLATABLE_SOURCES}
    INCLUDE_DIRECTORIES ${CMAKE_SOURCE_DIR}/src/core ${CMAKE_SOURCE_DIR}/src/storage ${CMAKE_SOURCE_DIR}/src/gui
    LUPDATE_OPTIONS -no-obsolete -locations none
    RESOURCE_PREFIX /i18n
    OUTPUT_TARGETS GW_TRANSLATION_TARGETS)
