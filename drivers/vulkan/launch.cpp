// Launches and events. launch() checks its arguments, plans the module under the symbol
// binding, and records one command buffer for the whole executable: a barrier against earlier
// submissions, each dispatch followed by a compute-to-compute barrier, a final barrier making
// the results visible to the host and to later submissions. A fence signals the event.
#include <chrono>
#include <cstring>

#include "drivers/support/launch_args.hpp"
#include "drivers/vulkan/objects.hpp"
#include "drivers/vulkan/plan.hpp"
#include "drivers/vulkan/vk_check.hpp"
#include "hal/ir/registry.hpp"

namespace tisa::vk {
namespace {

void reap(DeviceSlot& slot) {
  std::lock_guard lock(slot.retired_mutex);
  std::erase_if(slot.retired, [&](const std::shared_ptr<LaunchRecord>& r) {
    return vkGetFenceStatus(slot.device->handle(), r->fence) != VK_NOT_READY;
  });
}

void barrier(VkCommandBuffer commands, VkPipelineStageFlags src, VkAccessFlags src_access,
             VkPipelineStageFlags dst, VkAccessFlags dst_access) {
  VkMemoryBarrier b{VK_STRUCTURE_TYPE_MEMORY_BARRIER, nullptr, src_access, dst_access};
  vkCmdPipelineBarrier(commands, src, dst, 0, 1, &b, 0, nullptr, 0, nullptr);
}

// The device address of one argument's first byte; offsets must keep elements aligned.
VkDeviceAddress tensor_address(const tisa_drv_tensor_t& t, const char* kind, uint32_t index) {
  const Buffer& b = *static_cast<const Buffer*>(t.buffer);
  const size_t size = ir::dtype_size(static_cast<tisa_dtype_t>(t.dtype));
  if (size && t.offset % size != 0) {
    drv::fail(TISA_UNIMPLEMENTED, "{} {} sits at offset {}, which is not a multiple of its element size {}",
              kind, index, t.offset, size);
  }
  return b.region->address() + t.offset;
}

}  // namespace

tisa_drv_status_t launch(void* driver, void* exe_handle, const tisa_drv_launch_args_t* args, void** out_event,
                         tisa_drv_error_t* err) {
  return drv::guarded(err, [&] {
    Driver& self = drv::driver_of<Driver>(driver);
    Executable& exe = drv::handle_of<Executable>(exe_handle, "executable");
    const ir::Module& module = *exe.module;
    drv::check_launch_args(args, out_event, module);
    auto buffer_size = [](void* buffer) { return static_cast<Buffer*>(buffer)->size; };
    for (uint32_t i = 0; i < args->input_count; ++i) {
      drv::check_tensor(args->inputs[i], module.inputs[i].type, {"input", i}, buffer_size);
    }
    for (uint32_t i = 0; i < args->output_count; ++i) {
      drv::check_tensor(args->outputs[i], module.value_type(module.outputs[i]), {"output", i}, buffer_size);
    }
    const std::vector<int64_t> symbols = drv::bind_launch_symbols(module, *args);
    for (uint32_t i = 0; i < args->output_count; ++i) drv::check_output_shape(module, *args, i, symbols);

    DeviceSlot& slot = self.slot(exe.device_index);
    Device& dev = *slot.device;
    dev.check_not_lost();
    reap(slot);
    const Capabilities& caps = dev.caps();
    const Target target{{caps.max_groups_x, caps.max_groups_y, caps.max_groups_z},
                        caps.matmul_shared,
                        caps.subgroup_rows,
                        caps.cpu_like,
                        caps.loop_budget};
    const Plan plan = make_plan(module, symbols, target, exe.fusion.groups.empty() ? nullptr : &exe.fusion);

    auto record = std::make_shared<LaunchRecord>();
    record->device = slot.device;
    std::vector<VkDeviceAddress> addresses(plan.slots.size(), 0);
    for (size_t s = 0; s < plan.slots.size(); ++s) {
      const Slot& sl = plan.slots[s];
      switch (sl.kind) {
        case SlotKind::Input:
          addresses[s] = tensor_address(args->inputs[sl.index], "input", sl.index);
          record->keep_alive.push_back(static_cast<Buffer*>(args->inputs[sl.index].buffer)->region);
          break;
        case SlotKind::Output:
          addresses[s] = tensor_address(args->outputs[sl.index], "output", sl.index);
          record->keep_alive.push_back(static_cast<Buffer*>(args->outputs[sl.index].buffer)->region);
          break;
        case SlotKind::Constant:
          addresses[s] = exe.constants.at(sl.index)->address();
          record->keep_alive.push_back(exe.constants[sl.index]);
          break;
        case SlotKind::Temp: {
          auto region = dev.tensors().allocate(sl.bytes);
          addresses[s] = region->address();
          record->keep_alive.push_back(std::move(region));
          break;
        }
      }
    }
    // Every dispatch's parameter record, written to one host-visible region; a device that does
    // not share the host's memory reads a device-local copy (every invocation reads its record).
    std::vector<VkPipeline> pipelines;
    std::vector<uint64_t> record_at;  // each record's offset in the region
    uint64_t record_bytes = 0;
    for (const Dispatch& d : plan.dispatches) {
      record_at.push_back(record_bytes);
      record_bytes += d.group >= 0 ? sizeof(FusedParams) : sizeof(Params);
    }
    std::shared_ptr<Region> params, staged;
    if (!plan.dispatches.empty()) {
      staged = dev.staging().allocate(record_bytes);
      params = dev.caps().unified ? staged : dev.tensors().allocate(record_bytes);
      auto address_of = [&](int slot) { return slot >= 0 ? addresses.at(slot) : 0; };
      for (size_t i = 0; i < plan.dispatches.size(); ++i) {
        const Dispatch& d = plan.dispatches[i];
        if (d.group >= 0) {
          FusedParams p = d.fused;
          for (int k = 0; k < kMaxFusedOutputs; ++k) p.out_addr[k] = address_of(d.fused_out_slots[k]);
          for (int k = 0; k < kMaxFusedInputs; ++k) p.in_addr[k] = address_of(d.fused_in_slots[k]);
          std::memcpy(staged->host() + record_at[i], &p, sizeof(p));
          const FusedGroup& group = exe.fusion.groups.at(d.group);
          pipelines.push_back(dev.pipelines().get(group.glsl, group.spirv, d.variant));
        } else {
          Params p = d.params;
          p.out_addr = address_of(d.out_slot);
          for (int k = 0; k < 3; ++k) p.in_addr[k] = address_of(d.in_slots[k]);
          std::memcpy(staged->host() + record_at[i], &p, sizeof(p));
          pipelines.push_back(dev.pipelines().get(d.kernel, d.variant));  // compiled on first use
        }
      }
      record->keep_alive.push_back(params);
      record->keep_alive.push_back(staged);
    }

    {
      auto lock = dev.lock();
      VkCommandBuffer commands = dev.begin_commands();
      record->commands = commands;
      barrier(commands, VK_PIPELINE_STAGE_ALL_COMMANDS_BIT, VK_ACCESS_MEMORY_WRITE_BIT,
              VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT, VK_ACCESS_SHADER_READ_BIT | VK_ACCESS_SHADER_WRITE_BIT);
      if (params != staged) {
        const VkBufferCopy copy{staged->offset, params->offset, record_bytes};
        vkCmdCopyBuffer(commands, staged->buffer(), params->buffer(), 1, &copy);
        barrier(commands, VK_PIPELINE_STAGE_TRANSFER_BIT, VK_ACCESS_TRANSFER_WRITE_BIT,
                VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT, VK_ACCESS_SHADER_READ_BIT);
      }
      for (size_t i = 0; i < plan.dispatches.size(); ++i) {
        vkCmdBindPipeline(commands, VK_PIPELINE_BIND_POINT_COMPUTE, pipelines[i]);
        const uint64_t address = params->address() + record_at[i];
        vkCmdPushConstants(commands, dev.pipelines().layout(), VK_SHADER_STAGE_COMPUTE_BIT, 0,
                           sizeof(address), &address);
        const Dispatch& d = plan.dispatches[i];
        vkCmdDispatch(commands, d.groups, d.groups_y, d.groups_z);
        barrier(commands, VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT, VK_ACCESS_SHADER_WRITE_BIT,
                VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT, VK_ACCESS_SHADER_READ_BIT | VK_ACCESS_SHADER_WRITE_BIT);
      }
      barrier(commands, VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT, VK_ACCESS_SHADER_WRITE_BIT,
              VK_PIPELINE_STAGE_HOST_BIT | VK_PIPELINE_STAGE_ALL_COMMANDS_BIT,
              VK_ACCESS_HOST_READ_BIT | VK_ACCESS_MEMORY_READ_BIT | VK_ACCESS_MEMORY_WRITE_BIT);
      record->fence = dev.submit(commands);
    }
    self.check_validation("launch");
    auto event = std::make_unique<LaunchEvent>();
    event->record = std::move(record);
    *out_event = event.release();
    return TISA_OK;
  });
}

namespace {

LaunchRecord& record_of(void* event) {
  return *drv::handle_of<LaunchEvent>(event, "event").record;
}

// After the fence: the validation layer's verdict, then the outcome (kept for later waits).
tisa_drv_status_t finish(Driver& self, LaunchRecord& r, VkResult result, tisa_drv_error_t* err) {
  std::lock_guard lock(r.mutex);
  if (!r.done) {
    r.done = true;
    if (result >= 0 && r.device->inject_loss()) result = VK_ERROR_DEVICE_LOST;
    if (result == VK_ERROR_DEVICE_LOST) {
      r.device->mark_lost();
      r.status = TISA_DEVICE_LOST;
      r.message = "vulkan driver: the device was lost (VK_ERROR_DEVICE_LOST) while the launch ran";
    } else if (result < 0) {
      r.status = status_of(result);
      r.message = std::string("vulkan driver: waiting for the launch failed: ") + result_name(result);
    } else {
      tisa_drv_error_t failure{};
      r.status = drv::guarded(&failure, [&] {
        self.check_validation("the launch");
        return TISA_OK;
      });
      r.message = failure.message;
    }
  }
  if (r.status != TISA_OK) drv::write_error(err, r.message);
  return r.status;
}

}  // namespace

tisa_drv_status_t event_wait(void* driver, void* event, uint64_t timeout_ns, tisa_drv_error_t* err) {
  return drv::guarded(err, [&] {
    Driver& self = drv::driver_of<Driver>(driver);
    LaunchRecord& r = record_of(event);
    const VkResult result = vkWaitForFences(r.device->handle(), 1, &r.fence, VK_TRUE, timeout_ns);
    if (result == VK_TIMEOUT) {
      drv::write_error(err,
                       fmt::format("vulkan driver: the launch has not completed within {} ns", timeout_ns));
      return TISA_DEADLINE_EXCEEDED;
    }
    return finish(self, r, result, err);
  });
}

tisa_drv_status_t event_query(void* driver, void* event, tisa_drv_error_t* err) {
  return drv::guarded(err, [&] {
    Driver& self = drv::driver_of<Driver>(driver);
    LaunchRecord& r = record_of(event);
    const VkResult result = vkGetFenceStatus(r.device->handle(), r.fence);
    if (result == VK_NOT_READY) {
      drv::write_error(err, "vulkan driver: the launch has not completed yet");
      return TISA_DEADLINE_EXCEEDED;
    }
    return finish(self, r, result, err);
  });
}

void event_destroy(void* driver, void* event) {
  auto* e = static_cast<LaunchEvent*>(event);
  if (!e) return;
  // An unfinished launch is retired to its device and reaped later, so destroying never blocks.
  if (driver && e->record &&
      vkGetFenceStatus(e->record->device->handle(), e->record->fence) == VK_NOT_READY) {
    Driver& self = *static_cast<Driver*>(static_cast<drv::DriverBase*>(driver));
    for (auto& slot : self.devices) {
      if (slot->device == e->record->device) {
        std::lock_guard lock(slot->retired_mutex);
        slot->retired.push_back(std::move(e->record));
        break;
      }
    }
  }
  delete e;
}

}  // namespace tisa::vk
