#include "frontends/onnx/converters.hpp"

namespace tisa::onnx_import {

const ConverterTable& converters() {
  static const ConverterTable table = [] {
    ConverterTable t;
    add_elementwise_converters(t);
    add_activation_converters(t);
    add_nn_converters(t);
    add_shape_converters(t);
    add_reduce_converters(t);
    add_indexing_converters(t);
    add_loss_converters(t);
    add_quantize_converters(t);
    add_generate_converters(t);
    add_rnn_converters(t);
    add_einsum_converters(t);
    return t;
  }();
  return table;
}

}  // namespace tisa::onnx_import
