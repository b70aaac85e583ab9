# tisa_add_conformance_test(NAME <name> DRIVER <driver name | manifest.json>
#                           [FILTER <glob>...] [EXPECTED_FAILURES <file>] [PROFILE <name>]
#                           [JOBS <n>] [TIMEOUT <seconds per case>] [ARGS <extra tisa-cts args>...])
#
# Registers the CTest test cts.<name>, which runs the conformance suite (tisa-cts) on one driver
# and writes its JSON report and JUnit XML to ${CMAKE_BINARY_DIR}/cts-reports/<name>.{json,xml}.
# The test passes when tisa-cts exits 0: every case that ran passed or was an expected failure.
#
# Works in the TISA build (tisa-cts is a target there) and in a project that did
# find_package(tisa) (tisa-cts is the package's imported executable tisa::tisa-cts).

# Included by TISA's own top-level CMakeLists.txt: tisa-cts is a target of this build.
if(PROJECT_NAME STREQUAL "tisa" AND CMAKE_CURRENT_LIST_DIR STREQUAL "${PROJECT_SOURCE_DIR}/conformance/cmake")
  set(TISA_CTS_IN_TREE ON)
endif()

function(tisa_add_conformance_test)
  cmake_parse_arguments(ARG "" "NAME;DRIVER;EXPECTED_FAILURES;PROFILE;JOBS;TIMEOUT" "FILTER;ARGS" ${ARGN})
  if(ARG_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "tisa_add_conformance_test: unknown arguments: ${ARG_UNPARSED_ARGUMENTS}")
  endif()
  if(NOT ARG_NAME OR NOT ARG_DRIVER)
    message(FATAL_ERROR "tisa_add_conformance_test: NAME and DRIVER are required")
  endif()

  # The package's imported runner when there is one; the TISA build's own target otherwise.
  # Both are resolved at generate time, so the call may come before tisa-cts is defined.
  if(TARGET tisa::tisa-cts)
    set(runner tisa::tisa-cts)
  elseif(TISA_CTS_IN_TREE)
    set(runner tisa-cts)
  else()
    message(FATAL_ERROR "tisa_add_conformance_test(${ARG_NAME}): no tisa-cts: find_package(tisa) first "
                        "(the package exports it as tisa::tisa-cts)")
  endif()

  set(report_dir ${CMAKE_BINARY_DIR}/cts-reports)
  set(command $<TARGET_FILE:${runner}> --driver ${ARG_DRIVER}
              --report ${report_dir}/${ARG_NAME}.json --junit ${report_dir}/${ARG_NAME}.xml)
  foreach(glob IN LISTS ARG_FILTER)
    list(APPEND command --filter ${glob})
  endforeach()
  if(ARG_EXPECTED_FAILURES)
    get_filename_component(expected "${ARG_EXPECTED_FAILURES}" ABSOLUTE BASE_DIR ${CMAKE_CURRENT_SOURCE_DIR})
    if(NOT EXISTS "${expected}")
      message(FATAL_ERROR "tisa_add_conformance_test(${ARG_NAME}): EXPECTED_FAILURES file ${expected} does not exist")
    endif()
    list(APPEND command --expected-failures ${expected})
  endif()
  if(ARG_PROFILE)
    list(APPEND command --profile ${ARG_PROFILE})
  endif()
  if(ARG_JOBS)
    list(APPEND command --jobs ${ARG_JOBS})
  endif()
  if(ARG_TIMEOUT)
    list(APPEND command --timeout ${ARG_TIMEOUT})
  endif()
  list(APPEND command ${ARG_ARGS})

  file(MAKE_DIRECTORY ${report_dir})
  add_test(NAME cts.${ARG_NAME} COMMAND ${command})
  # The whole suite is one CTest test: allow it far more than CTest's default per-test time.
  set_tests_properties(cts.${ARG_NAME} PROPERTIES LABELS "conformance" TIMEOUT 3600)
endfunction()
