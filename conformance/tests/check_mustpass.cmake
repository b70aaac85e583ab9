# cmake -DCTS=<tisa-cts> -DMUSTPASS=<file> -P check_mustpass.cmake
# Fails when the mustpass list differs from `tisa-cts --list --profile TISA-B`.
execute_process(COMMAND ${CTS} --list --profile TISA-B OUTPUT_VARIABLE listed RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "tisa-cts --list failed (${rc})")
endif()
file(READ ${MUSTPASS} expected)
if(NOT listed STREQUAL expected)
  message(FATAL_ERROR "${MUSTPASS} is out of date; regenerate it with:\n"
                      "  tisa-cts --list --profile TISA-B > conformance/mustpass/tisa-1.0-TISA-B.txt")
endif()
message(STATUS "mustpass list up to date")
