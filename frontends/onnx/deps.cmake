# Finds what the ONNX importer needs: protobuf and the ONNX protobuf classes of Debian's
# libonnx-dev (target onnx_proto). Sets TISA_ONNX_FOUND; never fails the configure step.
# Included from each folder that needs it (imported targets are visible per folder).
find_package(Protobuf QUIET)
find_package(ONNX CONFIG QUIET)
if(Protobuf_FOUND AND ONNX_FOUND AND TARGET onnx_proto)
  set(TISA_ONNX_FOUND TRUE)
else()
  set(TISA_ONNX_FOUND FALSE)
  get_property(tisa_onnx_reported GLOBAL PROPERTY TISA_ONNX_MISSING_REPORTED)
  if(NOT tisa_onnx_reported)
    set_property(GLOBAL PROPERTY TISA_ONNX_MISSING_REPORTED TRUE)
    message(STATUS "ONNX importer skipped: needs protobuf and libonnx-dev "
                   "(apt-get install libonnx-dev libprotobuf-dev protobuf-compiler)")
  endif()
endif()
