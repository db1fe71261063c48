# SPDX-License-Identifier: Apache-2.0
# cmake/ScenarioTargets.cmake: warning and sanitizer settings, as an interface target
# every project target links (targets only; global flags are never touched).

add_library(scenario_build_options INTERFACE)
add_library(scenario::build_options ALIAS scenario_build_options)

if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
  target_compile_options(scenario_build_options INTERFACE
    -Wall -Wextra -Wconversion -Wshadow -Wnon-virtual-dtor -Wpedantic
    # Aggregates with default member initializers are meant to be brace-initialised
    # partially; this warning would forbid the idiom.
    -Wno-missing-field-initializers)
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    # GCC 12 reports -Wrestrict on std::string concatenation at -O2 and above, a false
    # positive: https://gcc.gnu.org/bugzilla/show_bug.cgi?id=105329
    target_compile_options(scenario_build_options INTERFACE -Wno-restrict)
  endif()
  if(SCENARIO_WERROR)
    target_compile_options(scenario_build_options INTERFACE -Werror)
  endif()
  if(SCENARIO_SANITIZE)
    target_compile_options(scenario_build_options INTERFACE
      -fsanitize=${SCENARIO_SANITIZE} -fno-omit-frame-pointer -fno-sanitize-recover=all)
    target_link_options(scenario_build_options INTERFACE -fsanitize=${SCENARIO_SANITIZE})
  endif()
endif()

# scenario_add_library(NAME SOURCES... DEPS...): one core area as a static library.
function(scenario_add_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_library(${name} STATIC ${ARG_SOURCES})
  add_library(scenario::${name} ALIAS ${name})
  target_include_directories(${name} PUBLIC
    $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/include>
    PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})
  target_link_libraries(${name} PUBLIC ${ARG_DEPS} PRIVATE scenario_build_options)
endfunction()

# scenario_add_test(NAME SOURCES... DEPS...): one gtest executable, registered with ctest.
function(scenario_add_test name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} GTest::gtest GTest::gtest_main
    scenario_build_options)
  target_compile_definitions(${name} PRIVATE
    SCENARIO_TEST_DATA_DIR="${PROJECT_SOURCE_DIR}/tests/data")
  gtest_discover_tests(${name} DISCOVERY_MODE PRE_TEST)
endfunction()
