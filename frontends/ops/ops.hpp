// The composite operator library: framework operators decomposed into TISA-B primitives with
// the ir::Builder. Include this, or the one family header you need.
#pragma once

#include "frontends/ops/activation.hpp"
#include "frontends/ops/attention.hpp"
#include "frontends/ops/broadcast.hpp"
#include "frontends/ops/common.hpp"
#include "frontends/ops/conv.hpp"
#include "frontends/ops/elementwise.hpp"
#include "frontends/ops/indexing.hpp"
#include "frontends/ops/linalg.hpp"
#include "frontends/ops/math.hpp"
#include "frontends/ops/normalization.hpp"
#include "frontends/ops/pad.hpp"
#include "frontends/ops/pooling.hpp"
#include "frontends/ops/reduce.hpp"
#include "frontends/ops/resize.hpp"
#include "frontends/ops/scan.hpp"
#include "frontends/ops/shape.hpp"
#include "frontends/ops/softmax.hpp"
#include "frontends/ops/spatial.hpp"
