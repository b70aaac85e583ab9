#include "tools/tisa-cts/worker.hpp"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <iostream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "conformance/cts/catalog.hpp"
#include "hal/ir/registry.hpp"

namespace tisa::cts::tool {
namespace {

std::string status_text(tisa_status_t s) {
  std::string text =
      fmt::format("{}: {}", tisa_status_code_name(tisa_status_code(s)), tisa_status_message(s));
  tisa_status_free(s);
  return text;
}

bool is_manifest_path(const std::string& driver) {
  return driver.find('/') != std::string::npos ||
         (driver.size() > 5 && driver.compare(driver.size() - 5, 5, ".json") == 0);
}

// Opens the device the options name; throws std::runtime_error saying why not.
Target open_target(const Options& o, tisa_instance_t& instance, DeviceClaims& claims) {
  tisa_instance_options_t options{};
  options.struct_size = sizeof options;
  const bool path = is_manifest_path(o.run.driver);
  options.driver_files = path ? o.run.driver.c_str() : nullptr;
  if (tisa_status_t s = tisa_instance_create(&options, &instance)) throw std::runtime_error(status_text(s));
  const std::string selector = path || o.run.driver.empty()
                                   ? std::to_string(o.run.device)
                                   : fmt::format("{}:{}", o.run.driver, o.run.device);
  Target t;
  if (tisa_status_t s = tisa_instance_find_device(instance, selector.c_str(), &t.device)) {
    std::string why = status_text(s);
    for (uint32_t i = 0; i < tisa_instance_driver_count(instance); ++i) {
      tisa_driver_report_t r{};
      if (tisa_instance_driver_report(instance, i, &r) == nullptr) {
        why += fmt::format("; driver {} ({}): {}", r.name, r.manifest_path, r.reason);
      }
    }
    if (tisa_instance_driver_count(instance) == 0) why += "; the loader found no driver manifest";
    throw std::runtime_error(fmt::format("no device '{}': {}", selector, why));
  }
  t.info.struct_size = sizeof t.info;
  if (tisa_status_t s = tisa_device_get_info(t.device, &t.info)) throw std::runtime_error(status_text(s));

  claims.name = t.info.name;
  claims.kind = tisa_device_kind_name(t.info.kind);
  claims.extension_string = t.info.extension_string;
  claims.flags = t.info.flags;
  claims.isa_version = t.info.isa_version;
  claims.extensions = t.info.extensions;
  claims.driver_name = t.info.driver_name;
  for (const ir::OpInfo& op : ir::all_ops()) {
    // TISA-B of the device's version: ops a later minor version added are not gaps.
    if (op.extension != TISA_EXT_BASE || op.since > t.info.isa_version) continue;
    for (const ir::DtypeInfo& d : ir::all_dtypes()) {
      if (d.extension == TISA_EXT_BASE && ir::mask_has(op.t_mask, d.dtype) &&
          !tisa_device_supports(t.device, op.opcode, d.dtype)) {
        claims.unsupported_base_pairs.push_back(fmt::format("{} on {}", op.name, d.name));
      }
    }
  }
  for (uint32_t i = 0; i < tisa_instance_driver_count(instance); ++i) {
    tisa_driver_report_t r{};
    if (tisa_instance_driver_report(instance, i, &r) == nullptr && r.loaded && claims.driver_name == r.name) {
      claims.driver_manifest = r.manifest_path;
      claims.abi_version = r.abi_version;
    }
  }
  return t;
}

}  // namespace

std::string escape_field(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '\\')
      out += "\\\\";
    else if (c == '\n')
      out += "\\n";
    else if (c == '\t')
      out += "\\t";
    else if (c == '\r')
      out += "\\r";
    else
      out += c;
  }
  return out;
}

std::string unescape_field(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\\' || i + 1 == s.size()) {
      out += s[i];
      continue;
    }
    const char c = s[++i];
    out += c == 'n' ? '\n' : c == 't' ? '\t' : c == 'r' ? '\r' : c;
  }
  return out;
}

std::string claims_to_json(const DeviceClaims& c) {
  return nlohmann::json{{"name", c.name},
                        {"kind", c.kind},
                        {"extension_string", c.extension_string},
                        {"flags", c.flags},
                        {"isa_version", c.isa_version},
                        {"extensions", c.extensions},
                        {"unsupported_base_pairs", c.unsupported_base_pairs},
                        {"driver_name", c.driver_name},
                        {"driver_manifest", c.driver_manifest},
                        {"abi_version", c.abi_version}}
      .dump();
}

DeviceClaims claims_from_json(const std::string& text) {
  const nlohmann::json j = nlohmann::json::parse(text);
  DeviceClaims c;
  c.name = j.at("name");
  c.kind = j.at("kind");
  c.extension_string = j.at("extension_string");
  c.flags = j.at("flags");
  c.isa_version = j.at("isa_version");
  c.extensions = j.at("extensions");
  c.unsupported_base_pairs = j.at("unsupported_base_pairs").get<std::vector<std::string>>();
  c.driver_name = j.at("driver_name");
  c.driver_manifest = j.at("driver_manifest");
  c.abi_version = j.at("abi_version");
  return c;
}

int run_worker(const Options& o) {
  // stdout is the result channel: keep it private, and send whatever else writes to fd 1 (a
  // driver's log, say) to stderr.
  const int channel_fd = dup(STDOUT_FILENO);
  dup2(STDERR_FILENO, STDOUT_FILENO);
  FILE* channel = fdopen(channel_fd, "w");
  if (!channel) return 2;
  const auto send = [channel](const std::string& line) {
    std::fputs(line.c_str(), channel);
    std::fputc('\n', channel);
    std::fflush(channel);
  };
  tisa_instance_t instance = nullptr;
  Target target;
  try {
    DeviceClaims claims;
    target = open_target(o, instance, claims);
    send("HELLO\t" + claims_to_json(claims));
  } catch (const std::exception& e) {
    send("ERROR\t" + escape_field(e.what()));
    if (instance) tisa_instance_release(instance);
    return 1;
  }
  std::string name;
  while (std::getline(std::cin, name)) {
    if (name.empty()) continue;
    const auto start = std::chrono::steady_clock::now();
    Outcome outcome;
    const Case* c = find_case(name);
    if (!c) {
      outcome = {Status::Fail, "no such case in this suite version"};
    } else {
      try {
        outcome = c->run(target);
      } catch (const std::exception& e) {
        outcome = {Status::Fail, fmt::format("the case threw: {}", e.what())};
      }
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    send(fmt::format("RESULT\t{}\t{:.6f}\t{}", status_name(outcome.status), seconds,
                     escape_field(outcome.message)));
  }
  tisa_instance_release(instance);
  std::fclose(channel);
  return 0;
}

}  // namespace tisa::cts::tool
