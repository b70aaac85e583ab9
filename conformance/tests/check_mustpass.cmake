# cmake -DCTS=<tisa-cts> -DMUSTPASS=<file> [-DPROFILE=<TISA-B|extension>] [-DISA=<major.minor>]
#       -P check_mustpass.cmake
# Fails when the mustpass list differs from `tisa-cts --list --profile PROFILE [--isa ISA]`
# (TISA-B by default; an extension's list holds every case that needs it; with ISA, only the
# cases a device of that ISA version runs, so an older version's list stays as it was).
if(NOT PROFILE)
  set(PROFILE TISA-B)
endif()
set(list_args --list --profile ${PROFILE})
if(ISA)
  list(APPEND list_args --isa ${ISA})
endif()
execute_process(COMMAND ${CTS} ${list_args} OUTPUT_VARIABLE listed RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "tisa-cts --list failed (${rc})")
endif()
file(READ ${MUSTPASS} expected)
if(NOT listed STREQUAL expected)
  list(JOIN list_args " " shown)
  message(FATAL_ERROR "${MUSTPASS} is out of date; regenerate it with:\n"
                      "  tisa-cts ${shown} > ${MUSTPASS}")
endif()
message(STATUS "mustpass list of ${PROFILE} ${ISA} up to date")
