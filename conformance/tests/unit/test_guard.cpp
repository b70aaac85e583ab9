// Guard regions catch writes before and after an output tensor.
#include <catch2/catch.hpp>

#include "conformance/cts/guard.hpp"

using namespace tisa::cts;

TEST_CASE("an intact image passes and holds the tensor between the guards") {
  std::vector<uint8_t> image = guarded_image(40);
  REQUIRE(image.size() == 2 * kGuardBytes + 40);
  CHECK(image[kGuardBytes] == kPoisonByte);
  CHECK(tensor_of(image, 40).size() == 40);
  for (size_t i = kGuardBytes; i < kGuardBytes + 40; ++i) image[i] = 0x11;  // the tensor itself
  CHECK_FALSE(check_guards(image, 40, "output 0"));
}

TEST_CASE("a write just before the tensor names the output and the side") {
  std::vector<uint8_t> image = guarded_image(16);
  image[kGuardBytes - 1] = 0;
  const auto bad = check_guards(image, 16, "output 2");
  REQUIRE(bad);
  CHECK_THAT(*bad,
             Catch::Contains("output 2") && Catch::Contains("before") && Catch::Contains("1 bytes before"));
}

TEST_CASE("a write past the end names the side and the distance") {
  std::vector<uint8_t> image = guarded_image(16);
  image[kGuardBytes + 16 + 3] = 0x77;
  const auto bad = check_guards(image, 16, "output 0");
  REQUIRE(bad);
  CHECK_THAT(*bad, Catch::Contains("after") && Catch::Contains("4 bytes past"));
}

TEST_CASE("an empty tensor still has both guards checked") {
  std::vector<uint8_t> image = guarded_image(0);
  image[kGuardBytes] = 1;  // the first byte after an empty tensor
  const auto bad = check_guards(image, 0, "output 1");
  REQUIRE(bad);
  CHECK_THAT(*bad, Catch::Contains("after"));
}
