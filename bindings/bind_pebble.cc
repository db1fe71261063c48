// SPDX-License-Identifier: Apache-2.0
// bindings/bind_pebble.cc: a run's per-container Pebble handlers, from Python.
//
// The Python front end gives ops' own Pebble client a transport that calls these
// handlers in-process: one `handle` call per HTTP request, and one PebbleWebsocket per
// exec websocket. Bodies and websocket payloads are bytes (files may be binary).

#include <nanobind/nanobind.h>
#include <nanobind/stl/map.h>
#include <nanobind/stl/optional.h>
#include <nanobind/stl/pair.h>
#include <nanobind/stl/string.h>
#include <nanobind/stl/tuple.h>
#include <nanobind/stl/unique_ptr.h>
#include <nanobind/stl/vector.h>

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "bindings.h"
#include "json_caster.h"
#include "scenario/errors.h"
#include "scenario/hooktools/session.h"
#include "scenario/pebble/container_handler.h"
#include "scenario/state/json.h"

namespace nb = nanobind;

namespace scenario::bindings {

namespace {

using pebble::ContainerHandler;
using pebble::Websocket;
using pebble::WebsocketMessage;

/// A websocket message for Python: (is_text, payload).
using PyMessage = std::tuple<bool, nb::bytes>;

std::string to_string(const nb::bytes& data) {
  return std::string(static_cast<const char*>(data.data()), data.size());
}

nb::bytes to_bytes(const std::string& data) { return nb::bytes(data.data(), data.size()); }

/// One exec websocket, owned by Python.
class PebbleWebsocket {
 public:
  explicit PebbleWebsocket(std::unique_ptr<Websocket> websocket)
      : websocket_(std::move(websocket)) {}

  void receive(bool is_text, const nb::bytes& data) {
    WebsocketMessage message;
    message.kind = is_text ? WebsocketMessage::Kind::kText : WebsocketMessage::Kind::kBinary;
    message.data = to_string(data);
    websocket_->receive(std::move(message));
  }

  std::vector<PyMessage> take_outgoing() {
    std::vector<PyMessage> out;
    for (const WebsocketMessage& message : websocket_->take_outgoing()) {
      out.emplace_back(message.kind == WebsocketMessage::Kind::kText, to_bytes(message.data));
    }
    return out;
  }

  bool finished() const { return websocket_->finished(); }

 private:
  std::unique_ptr<Websocket> websocket_;
};

/// One container's handler, owned by Python; the Session it refers to is kept alive
/// by nanobind (keep_alive) as long as this object.
class PebbleHandler {
 public:
  PebbleHandler(Container& container, std::filesystem::path root_dir)
      : handler_(container, std::move(root_dir)) {}

  std::tuple<int, std::vector<std::pair<std::string, std::string>>, nb::bytes> handle(
      std::string method, std::string path, std::vector<std::pair<std::string, std::string>> query,
      const std::map<std::string, std::string>& headers, const nb::bytes& body) {
    pebble::Request request;
    request.method = std::move(method);
    request.path = std::move(path);
    request.query = std::move(query);
    for (const auto& [name, value] : headers) {
      std::string lower = name;
      for (char& c : lower) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      }
      request.headers[lower] = value;
    }
    request.body = to_string(body);
    pebble::Response response = handler_.handle(request);
    return {response.status, std::move(response.headers), to_bytes(response.body)};
  }

  std::unique_ptr<PebbleWebsocket> open_websocket(const std::string& task_id,
                                                  const std::string& websocket_id) {
    std::unique_ptr<Websocket> websocket = handler_.open_websocket(task_id, websocket_id);
    if (websocket == nullptr) return nullptr;
    return std::make_unique<PebbleWebsocket>(std::move(websocket));
  }

  Json plan() const { return handler_.plan(); }

  /// Each command run with exec: (its request as a JSON object, the stdin it was sent).
  std::vector<std::tuple<Json, nb::bytes>> exec_history() const {
    std::vector<std::tuple<Json, nb::bytes>> out;
    for (const pebble::ExecRecord& record : handler_.exec_history()) {
      Json request = {
          {"command", record.command},
          {"environment", record.environment},
          {"working_dir", record.working_dir},
          {"timeout", record.timeout},
          {"user_id", record.user_id ? Json(*record.user_id) : Json(nullptr)},
          {"user", record.user},
          {"group_id", record.group_id ? Json(*record.group_id) : Json(nullptr)},
          {"group", record.group},
          {"service_context", record.service_context},
          {"combine_stderr", record.combine_stderr},
          {"signals", record.signals},
      };
      out.emplace_back(std::move(request), to_bytes(record.stdin_data));
    }
    return out;
  }

 private:
  ContainerHandler handler_;
};

std::unique_ptr<PebbleHandler> session_pebble(Session& session, const std::string& container,
                                              const std::string& root_dir) {
  for (Container& candidate : session.mutable_state().containers) {
    if (candidate.name == container) {
      return std::make_unique<PebbleHandler>(candidate, std::filesystem::path(root_dir));
    }
  }
  throw ScenarioRuntimeError("container " + container +
                             " is not in the State; add a Container named " + container +
                             " to State.containers for the charm to use its Pebble");
}

/// The plan of a container document's layers, as /v1/plan returns it. No file is touched.
Json container_plan(const Json& container_doc) {
  State state = state_from_json_value(Json{{"containers", Json::array({container_doc})}});
  ContainerHandler handler(state.containers.front(), std::filesystem::path());
  return handler.plan();
}

}  // namespace

void bind_pebble(nb::module_& m) {
  nb::class_<PebbleWebsocket>(m, "PebbleWebsocket",
                              "The server side of one exec websocket of a container's Pebble.")
      .def("receive", &PebbleWebsocket::receive, nb::arg("is_text"), nb::arg("data"),
           "Hands the server a message the client sent (a text or a binary frame).")
      .def("take_outgoing", &PebbleWebsocket::take_outgoing,
           "Messages ready for the client, oldest first, as (is_text, payload) pairs.")
      .def_prop_ro("finished", &PebbleWebsocket::finished,
                   "Whether the server side has nothing more to send.");
  nb::class_<PebbleHandler>(m, "PebbleHandler", "One container's simulated Pebble API.")
      .def("handle", &PebbleHandler::handle, nb::arg("method"), nb::arg("path"), nb::arg("query"),
           nb::arg("headers"), nb::arg("body"),
           "Answers one request: returns (status, headers, body). Pebble API errors are "
           "responses with Pebble's JSON error body.")
      .def("open_websocket", &PebbleHandler::open_websocket, nb::arg("task_id"),
           nb::arg("websocket_id"),
           // The websocket refers to the handler's changes: keep the handler alive.
           nb::keep_alive<0, 1>(),
           "Opens an exec task's websocket; None when there is no such task or websocket.")
      .def("plan", &PebbleHandler::plan, "The combined plan, as /v1/plan returns it.")
      .def("exec_history", &PebbleHandler::exec_history,
           "Each command run with exec, in order: (request as a dict, stdin bytes).");
  m.def("container_plan", &container_plan, nb::arg("container"),
        "The plan of a container document's layers (all combined in label order), as "
        "Pebble's /v1/plan returns it.");

  // Session is bound in bind_runtime.cc; its Pebble accessor lives here with the rest of
  // the Pebble bindings.
  nb::handle session_type = nb::type<Session>();
  nb::object pebble = nb::cpp_function(
      &session_pebble, nb::scope(session_type), nb::name("pebble"), nb::is_method(),
      nb::arg("container"), nb::arg("root_dir"),
      // The handler updates the session's working State: keep the session alive.
      nb::keep_alive<0, 1>(),
      "A handler for a container's Pebble API, updating this session's working State; "
      "its files live under `root_dir` and the container's mounts.");
  nb::setattr(session_type, "pebble", pebble);
}

}  // namespace scenario::bindings
