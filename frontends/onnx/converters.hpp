// The table from ONNX op_type to the function that converts such a node with tisa::ops. One
// file per op family adds its entries.
#pragma once

#include <map>
#include <string>

#include "frontends/onnx/context.hpp"

namespace tisa::onnx_import {

using Converter = void (*)(NodeContext&);
using ConverterTable = std::map<std::string, Converter, std::less<>>;

void add_elementwise_converters(ConverterTable& table);
void add_activation_converters(ConverterTable& table);
void add_nn_converters(ConverterTable& table);
void add_shape_converters(ConverterTable& table);
void add_reduce_converters(ConverterTable& table);
void add_indexing_converters(ConverterTable& table);
void add_loss_converters(ConverterTable& table);
void add_quantize_converters(ConverterTable& table);
void add_generate_converters(ConverterTable& table);
void add_rnn_converters(ConverterTable& table);
void add_einsum_converters(ConverterTable& table);

// Every converter, built once.
const ConverterTable& converters();

}  // namespace tisa::onnx_import
