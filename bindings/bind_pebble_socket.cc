// SPDX-License-Identifier: Apache-2.0
// bindings/bind_pebble_socket.cc: the Pebble socket server from Python, serving any
// handler object with the PebbleHandler interface (handle, open_websocket).
//
// The server answers on its own threads. Every call into the Python handler takes the
// GIL; SocketServer already makes those calls one at a time. Stopping releases the GIL,
// so threads waiting for it can finish.

#include <nanobind/nanobind.h>
#include <nanobind/stl/string.h>

#include <exception>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "bindings.h"
#include "scenario/pebble/socket_server.h"
#include "scenario/pebble/transport.h"

namespace nb = nanobind;

namespace scenario::bindings {

namespace {

using pebble::WebsocketMessage;

// Request text may hold any bytes after percent-decoding; the handler gets str, with
// undecodable bytes replaced rather than failing the request.
nb::str to_str(std::string_view text) {
  PyObject* str =
      PyUnicode_DecodeUTF8(text.data(), static_cast<Py_ssize_t>(text.size()), "replace");
  if (str == nullptr) throw nb::python_error();
  return nb::steal<nb::str>(str);
}

// A handler's payload: bytes, or str (sent as UTF-8).
std::string to_payload(nb::handle value, const char* what) {
  if (nb::isinstance<nb::bytes>(value)) {
    const auto data = nb::borrow<nb::bytes>(value);
    return std::string(static_cast<const char*>(data.data()), data.size());
  }
  if (nb::isinstance<nb::str>(value)) return nb::cast<std::string>(value);
  throw std::runtime_error(std::string(what) + " must be bytes or str, not " +
                           nb::cast<std::string>(nb::str(value.type().attr("__name__"))));
}

// Runs `body` with the GIL held and turns a Python exception into a C++ one whose
// message carries the Python error, so nothing Python-owned crosses into server threads.
template <typename Body>
auto with_gil(const char* what, Body&& body) {
  nb::gil_scoped_acquire gil;
  try {
    return body();
  } catch (nb::python_error& e) {
    throw std::runtime_error(std::string(what) + " raised " + e.what());
  } catch (const nb::cast_error& e) {
    throw std::runtime_error(std::string(what) + " returned a value of the wrong type");
  }
}

/// A Websocket backed by a Python object with receive(is_text, data), take_outgoing()
/// -> [(is_text, data)] and finished (a property or a method).
class PyWebsocket final : public pebble::Websocket {
 public:
  explicit PyWebsocket(nb::object websocket) : websocket_(std::move(websocket)) {}
  ~PyWebsocket() override {
    nb::gil_scoped_acquire gil;
    websocket_.reset();
  }
  PyWebsocket(const PyWebsocket&) = delete;
  PyWebsocket& operator=(const PyWebsocket&) = delete;

  void receive(WebsocketMessage message) override {
    with_gil("websocket receive()", [&] {
      websocket_.attr("receive")(message.kind == WebsocketMessage::Kind::kText,
                                 nb::bytes(message.data.data(), message.data.size()));
    });
  }

  std::vector<WebsocketMessage> take_outgoing() override {
    return with_gil("websocket take_outgoing()", [&] {
      std::vector<WebsocketMessage> out;
      for (nb::handle item : websocket_.attr("take_outgoing")()) {
        const auto pair = nb::cast<nb::tuple>(item);
        if (pair.size() != 2) throw nb::cast_error();
        WebsocketMessage message;
        message.kind = nb::cast<bool>(pair[0]) ? WebsocketMessage::Kind::kText
                                               : WebsocketMessage::Kind::kBinary;
        message.data = to_payload(pair[1], "a websocket message");
        out.push_back(std::move(message));
      }
      return out;
    });
  }

  bool finished() const override {
    return with_gil("websocket finished", [&] {
      nb::object value = websocket_.attr("finished");
      if (PyCallable_Check(value.ptr())) value = value();
      return nb::cast<bool>(value);
    });
  }

 private:
  nb::object websocket_;
};

/// A Handler backed by a Python object with handle(method, path, query, headers, body)
/// -> (status, headers, body) and open_websocket(task_id, websocket_id) -> object|None.
class PyHandler final : public pebble::Handler {
 public:
  explicit PyHandler(nb::object handler) : handler_(std::move(handler)) {}

  pebble::Response handle(const pebble::Request& request) override {
    return with_gil("handler handle()", [&] {
      nb::list query;
      for (const auto& [key, value] : request.query) {
        query.append(nb::make_tuple(to_str(key), to_str(value)));
      }
      nb::dict headers;
      for (const auto& [name, value] : request.headers) headers[to_str(name)] = to_str(value);
      const nb::object result =
          handler_.attr("handle")(to_str(request.method), to_str(request.path), query, headers,
                                  nb::bytes(request.body.data(), request.body.size()));
      const auto triple = nb::cast<nb::tuple>(result);
      if (triple.size() != 3) throw nb::cast_error();
      pebble::Response response;
      response.status = nb::cast<int>(triple[0]);
      for (nb::handle header : triple[1]) {
        const auto pair = nb::cast<nb::tuple>(header);
        if (pair.size() != 2) throw nb::cast_error();
        response.headers.emplace_back(nb::cast<std::string>(pair[0]),
                                      nb::cast<std::string>(pair[1]));
      }
      response.body = to_payload(triple[2], "a response body");
      return response;
    });
  }

  std::unique_ptr<pebble::Websocket> open_websocket(std::string_view task_id,
                                                    std::string_view websocket_id) override {
    return with_gil("handler open_websocket()", [&]() -> std::unique_ptr<pebble::Websocket> {
      nb::object websocket = handler_.attr("open_websocket")(to_str(task_id), to_str(websocket_id));
      if (websocket.is_none()) return nullptr;
      return std::make_unique<PyWebsocket>(std::move(websocket));
    });
  }

 private:
  nb::object handler_;
};

/// The server and the handler it serves; the handler outlives the server's threads.
class PebbleSocketServer {
 public:
  PebbleSocketServer(const std::string& socket_path, nb::object handler,
                     const pebble::SocketServerOptions& options)
      : handler_(std::move(handler)), server_(socket_path, handler_, options) {}
  ~PebbleSocketServer() { stop(); }
  PebbleSocketServer(const PebbleSocketServer&) = delete;
  PebbleSocketServer& operator=(const PebbleSocketServer&) = delete;

  void start() { server_.start(); }
  void stop() {
    nb::gil_scoped_release release;
    server_.stop();
  }
  bool running() const { return server_.running(); }
  std::string socket_path() const { return server_.socket_path().string(); }

 private:
  PyHandler handler_;
  pebble::SocketServer server_;
};

}  // namespace

void bind_pebble_socket(nb::module_& m) {
  nb::class_<PebbleSocketServer>(
      m, "PebbleSocketServer",
      "Serves a Pebble handler over HTTP/1.1 and websockets on a unix socket, from "
      "background threads, so a real Pebble client (ops.pebble.Client) can talk to it.")
      .def(
          "__init__",
          [](PebbleSocketServer* self, const std::string& socket_path, nb::object handler,
             std::size_t max_body_bytes) {
            pebble::SocketServerOptions options;
            options.max_body_bytes = max_body_bytes;
            new (self) PebbleSocketServer(socket_path, std::move(handler), options);
          },
          nb::arg("socket_path"), nb::arg("handler"), nb::kw_only(),
          nb::arg("max_body_bytes") = pebble::SocketServerOptions{}.max_body_bytes,
          "`handler` has `handle(method, path, query, headers, body)` returning "
          "`(status, headers, body)` and `open_websocket(task_id, websocket_id)` returning "
          "None or an object with `receive(is_text, data)`, `take_outgoing()` and "
          "`finished`, as PebbleHandler does. Request bodies over `max_body_bytes` are "
          "refused with 413. Call start() to serve.")
      .def("start", &PebbleSocketServer::start,
           "Creates the socket (mode 0600, missing parent directories 0700; a stale socket "
           "is replaced) and starts serving. Raises ScenarioError if the path cannot be "
           "used.")
      .def("stop", &PebbleSocketServer::stop,
           "Closes every connection, waits for the server threads and removes the socket. "
           "Safe to call more than once.")
      .def_prop_ro("running", &PebbleSocketServer::running, "Whether the server is serving.")
      .def_prop_ro("socket_path", &PebbleSocketServer::socket_path, "Where the socket is.")
      .def(
          "__enter__",
          [](PebbleSocketServer& self) -> PebbleSocketServer& {
            self.start();
            return self;
          },
          nb::rv_policy::reference, "Starts the server.")
      .def(
          "__exit__",
          [](PebbleSocketServer& self, nb::handle, nb::handle, nb::handle) { self.stop(); },
          nb::arg("exc_type").none(), nb::arg("exc_value").none(), nb::arg("traceback").none(),
          "Stops the server.");
}

}  // namespace scenario::bindings
