#include "bench/harness.hpp"

#include <cstring>
#include <optional>
#include <random>
#include <stdexcept>

#include "drivers/cpu/runtime/thread_pool.hpp"
#include "hal/ir/codec.hpp"

namespace tisa::bench {

namespace {

Instance& instance() {
  static Instance instance = Instance::create();
  return instance;
}

std::optional<Device> find_device(const std::string& driver) {
  for (uint32_t i = 0; i < instance().device_count(); ++i) {
    if (instance().device(i).info().driver_name == driver) return instance().device(i);
  }
  return std::nullopt;
}

}  // namespace

std::optional<tisa_device_info_t> device_info(const std::string& driver) {
  const std::optional<Device> dev = find_device(driver);
  if (!dev) return std::nullopt;
  return dev->info();
}

Device device(const std::string& driver) {
  if (std::optional<Device> dev = find_device(driver)) return *dev;
  std::string loaded;
  for (uint32_t i = 0; i < instance().device_count(); ++i)
    loaded += std::string(" ") + instance().device(i).info().driver_name;
  throw std::runtime_error("no device of driver '" + driver + "' (devices of:" + loaded +
                           "); set TISA_DRIVER_FILES to the build's share/tisa/drivers");
}

std::vector<float> random_values(size_t count, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<float> dist(-1.0f, 1.0f);
  std::vector<float> values(count);
  for (float& v : values) v = dist(rng);
  return values;
}

Compiled::Compiled(const std::string& driver, const ir::Module& module,
                   const std::vector<std::vector<int64_t>>& inputs, tisa_opt_level_t level) {
  const std::vector<uint32_t> words = ir::encode(module);
  module_ = Module::load(words.data(), words.size() * 4, TISA_FORMAT_BINARY);
  const Device dev = device(driver);
  executable_ = Executable::create(dev, module_, level);
  std::vector<tisa_tensor_type_t> types;
  for (uint32_t i = 0; i < module_.input_count(); ++i) {
    tisa_tensor_type_t t = module_.input_type(i);
    if (i < inputs.size()) {
      for (size_t d = 0; d < inputs[i].size(); ++d) t.dims[d] = inputs[i][d];
    }
    types.push_back(t);
    Buffer b = Buffer::create(dev, byte_size(t));
    b.write(random_values(element_count(t), 1000 + i));
    inputs_.push_back(tensor(b, t));
    buffers_.push_back(std::move(b));
  }
  for (const tisa_tensor_type_t& t : module_.infer_outputs(types)) {
    Buffer b = Buffer::create(dev, byte_size(t));
    outputs_.push_back(tensor(b, t));
    buffers_.push_back(std::move(b));
  }
}

void Compiled::run() const {
  executable_.launch(inputs_, outputs_);
}

std::vector<float> Compiled::output(size_t index) const {
  const tisa_tensor_t& t = outputs_[index];
  std::vector<float> values(element_count(t.type));
  check(tisa_buffer_read(t.buffer, t.offset, values.data(), values.size() * sizeof(float)));
  return values;
}

struct ParallelCopy::State {
  explicit State(size_t size)
      : bytes(size), from(size, 1), to(size, 0), pool(cpu::ThreadPool::default_threads()) {}
  size_t bytes;
  std::vector<uint8_t> from, to;
  cpu::ThreadPool pool;
};

ParallelCopy::ParallelCopy(size_t bytes) : state_(std::make_unique<State>(bytes)) {}
ParallelCopy::~ParallelCopy() = default;

void ParallelCopy::run() {
  State& s = *state_;
  const auto tasks = static_cast<int64_t>(s.pool.size());
  const size_t chunk = (s.bytes / static_cast<size_t>(tasks) + 63) / 64 * 64;
  s.pool.parallel_for(tasks, [&](int64_t task, unsigned) {
    const size_t begin = std::min(s.bytes, static_cast<size_t>(task) * chunk);
    const size_t end = std::min(s.bytes, begin + chunk);
    std::memcpy(s.to.data() + begin, s.from.data() + begin, end - begin);
  });
}

}  // namespace tisa::bench
