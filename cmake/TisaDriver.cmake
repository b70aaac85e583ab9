# tisa_add_driver(<target> NAME <name> [MANIFEST_DIR <dir>] [ABI_MAJOR <n>] [ARCH <arch>]
#                 [CONFIG <string>] [NO_INSTALL])
# Writes the driver's JSON manifest next to the build tree's other manifests (or MANIFEST_DIR,
# for test drivers that must not be found by default) and installs library and manifest.
# ABI_MAJOR and ARCH exist so tests can build deliberately wrong manifests.
function(tisa_add_driver target)
  cmake_parse_arguments(ARG "NO_INSTALL" "NAME;MANIFEST_DIR;ABI_MAJOR;ARCH;CONFIG" "" ${ARGN})
  if(NOT ARG_NAME)
    message(FATAL_ERROR "tisa_add_driver(${target}): NAME is required")
  endif()
  if(NOT ARG_MANIFEST_DIR)
    set(ARG_MANIFEST_DIR ${TISA_BUILD_DRIVER_DIR})
  endif()
  if(NOT DEFINED ARG_ABI_MAJOR)
    set(ARG_ABI_MAJOR 1)
  endif()
  if(NOT ARG_ARCH)
    set(ARG_ARCH ${CMAKE_SYSTEM_PROCESSOR})
  endif()
  set_target_properties(${target} PROPERTIES PREFIX "lib" C_VISIBILITY_PRESET hidden
                                             CXX_VISIBILITY_PRESET hidden VISIBILITY_INLINES_HIDDEN ON)
  set(manifest "{\n  \"file_format_version\": \"1.0.0\",\n  \"driver\": {\n    \"name\": \"${ARG_NAME}\",\n    \"library_path\": \"LIBPATH\",\n    \"abi_major\": ${ARG_ABI_MAJOR},\n    \"library_arch\": \"${ARG_ARCH}\",\n    \"config\": \"${ARG_CONFIG}\"\n  }\n}\n")
  string(REPLACE "LIBPATH" "$<TARGET_FILE:${target}>" build_manifest "${manifest}")
  file(GENERATE OUTPUT ${ARG_MANIFEST_DIR}/${ARG_NAME}.json CONTENT "${build_manifest}")
  if(NOT ARG_NO_INSTALL)
    install(TARGETS ${target} LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}/tisa)
    # Installed manifests name the library relative to the manifest's folder.
    string(REPLACE "LIBPATH" "../../../${CMAKE_INSTALL_LIBDIR}/tisa/$<TARGET_FILE_NAME:${target}>"
           install_manifest "${manifest}")
    file(GENERATE OUTPUT ${CMAKE_BINARY_DIR}/install-manifests/${ARG_NAME}.json CONTENT "${install_manifest}")
    install(FILES ${CMAKE_BINARY_DIR}/install-manifests/${ARG_NAME}.json DESTINATION ${TISA_INSTALL_DRIVER_DIR})
  endif()
endfunction()
