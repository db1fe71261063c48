// SPDX-License-Identifier: Apache-2.0
// pebble_socket/socket_http_test.cc: HTTP/1.1 over the Pebble socket: request parsing,
// keep-alive, chunked bodies, options and refusals of malformed requests.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "scenario/pebble/socket_server.h"
#include "test_client.h"

namespace scenario::pebble::testing {
namespace {

using Query = std::vector<std::pair<std::string, std::string>>;

nlohmann::json echoed(const HttpReply& reply) { return nlohmann::json::parse(reply.body); }

// Sends `request` on a new connection and expects an error status, a Pebble error body
// naming `message_part`, and the connection closed.
void expect_refused(const ServerFixture& f, const std::string& request, int status,
                    const std::string& message_part) {
  RawClient client = f.connect();
  ASSERT_TRUE(client.send(request));
  const auto reply = client.read_reply();
  ASSERT_TRUE(reply.has_value()) << request;
  EXPECT_EQ(reply->status, status) << request;
  EXPECT_EQ(reply->headers.at("content-type"), "application/json");
  EXPECT_EQ(reply->headers.at("connection"), "close");
  const nlohmann::json body = nlohmann::json::parse(reply->body);
  EXPECT_EQ(body["type"], "error");
  EXPECT_EQ(body["status-code"], status);
  EXPECT_NE(body["result"]["message"].get<std::string>().find(message_part), std::string::npos)
      << body.dump();
  EXPECT_TRUE(client.closed_by_server()) << request;
}

TEST(SocketHttp, ParsesMethodPathQueryHeadersAndBody) {
  ServerFixture f;
  RawClient client = f.connect();
  ASSERT_TRUE(client.send(
      "POST /v1/files?action=read&path=%2Ftmp%2Fa%20b&names=a&names=b&x=1+2&flag HTTP/1.1\r\n"
      "Host: localhost\r\nX-Mixed-Case:   Value  \r\nContent-Length: 5\r\n\r\nhello"));
  const auto reply = client.read_reply();
  ASSERT_TRUE(reply.has_value());
  EXPECT_EQ(reply->status, 200);
  EXPECT_EQ(reply->headers.at("x-fake"), "yes");
  EXPECT_EQ(reply->headers.at("content-length"), std::to_string(reply->body.size()));
  const auto requests = f.handler.requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].method, "POST");
  EXPECT_EQ(requests[0].path, "/v1/files");
  EXPECT_EQ(requests[0].query, (Query{{"action", "read"},
                                      {"path", "/tmp/a b"},
                                      {"names", "a"},
                                      {"names", "b"},
                                      {"x", "1 2"},
                                      {"flag", ""}}));
  EXPECT_EQ(requests[0].headers.at("x-mixed-case"), "Value");
  EXPECT_EQ(requests[0].headers.at("host"), "localhost");
  EXPECT_EQ(requests[0].body, "hello");
}

TEST(SocketHttp, DecodesThePathAndAcceptsAbsoluteFormTargets) {
  ServerFixture f;
  RawClient client = f.connect();
  ASSERT_TRUE(client.send("GET http://localhost/v1/a%20b?k=v HTTP/1.1\r\nHost: x\r\n\r\n"));
  const auto reply = client.read_reply();
  ASSERT_TRUE(reply.has_value());
  EXPECT_EQ(echoed(*reply)["path"], "/v1/a b");
  EXPECT_EQ(echoed(*reply)["query"], nlohmann::json::parse(R"([["k","v"]])"));
}

TEST(SocketHttp, RepeatedHeadersAreCombined) {
  ServerFixture f;
  RawClient client = f.connect();
  ASSERT_TRUE(client.send("GET /x HTTP/1.1\r\nAccept: a\r\naccept: b\r\n\r\n"));
  ASSERT_TRUE(client.read_reply().has_value());
  EXPECT_EQ(f.handler.requests().at(0).headers.at("accept"), "a, b");
}

TEST(SocketHttp, KeepAliveServesPipelinedRequestsInOrder) {
  ServerFixture f;
  RawClient client = f.connect();
  ASSERT_TRUE(
      client.send("GET /one HTTP/1.1\r\n\r\nPOST /two HTTP/1.1\r\nContent-Length: 3\r\n"
                  "\r\nabcGET /three HTTP/1.1\r\n\r\n"));
  for (const char* path : {"/one", "/two", "/three"}) {
    const auto reply = client.read_reply();
    ASSERT_TRUE(reply.has_value()) << path;
    EXPECT_EQ(echoed(*reply)["path"], path);
    EXPECT_EQ(reply->headers.count("connection"), 0u);
  }
  // Still open: a later request on the same connection is served too.
  ASSERT_TRUE(client.send("GET /four HTTP/1.1\r\n\r\n"));
  const auto reply = client.read_reply();
  ASSERT_TRUE(reply.has_value());
  EXPECT_EQ(echoed(*reply)["path"], "/four");
  EXPECT_EQ(f.handler.requests().at(1).body, "abc");
}

TEST(SocketHttp, ConnectionCloseClosesAfterTheResponse) {
  ServerFixture f;
  RawClient client = f.connect();
  ASSERT_TRUE(client.send("GET /x HTTP/1.1\r\nConnection: close\r\n\r\n"));
  const auto reply = client.read_reply();
  ASSERT_TRUE(reply.has_value());
  EXPECT_EQ(reply->status, 200);
  EXPECT_EQ(reply->headers.at("connection"), "close");
  EXPECT_TRUE(client.closed_by_server());
}

TEST(SocketHttp, Http10ClosesUnlessKeepAliveIsAsked) {
  ServerFixture f;
  {
    RawClient client = f.connect();
    ASSERT_TRUE(client.send("GET /x HTTP/1.0\r\n\r\n"));
    ASSERT_TRUE(client.read_reply().has_value());
    EXPECT_TRUE(client.closed_by_server());
  }
  RawClient client = f.connect();
  ASSERT_TRUE(client.send("GET /x HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"));
  const auto reply = client.read_reply();
  ASSERT_TRUE(reply.has_value());
  EXPECT_EQ(reply->headers.at("connection"), "keep-alive");
  ASSERT_TRUE(client.send("GET /y HTTP/1.0\r\n\r\n"));
  ASSERT_TRUE(client.read_reply().has_value());
}

TEST(SocketHttp, DecodesChunkedBodiesSentInPieces) {
  ServerFixture f;
  RawClient client = f.connect();
  ASSERT_TRUE(
      client.send("POST /v1/files HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\nhel"));
  ASSERT_TRUE(client.send("lo\r\nA\r\n, chunked!\r"));
  ASSERT_TRUE(client.send("\n0\r\nX-Trailer: t\r\n\r\nGET /next HTTP/1.1\r\n\r\n"));
  const auto reply = client.read_reply();
  ASSERT_TRUE(reply.has_value());
  EXPECT_EQ(reply->status, 200);
  EXPECT_EQ(echoed(*reply)["body"], "hello, chunked!");
  const auto next = client.read_reply();
  ASSERT_TRUE(next.has_value());
  EXPECT_EQ(echoed(*next)["path"], "/next");
}

TEST(SocketHttp, HeadRequestsGetHeadersOnly) {
  ServerFixture f;
  RawClient client = f.connect();
  ASSERT_TRUE(client.send("HEAD /x HTTP/1.1\r\n\r\nGET /y HTTP/1.1\r\n\r\n"));
  // The reader would take the HEAD body from the next response if one had been sent.
  const std::string raw = client.read_all(500);
  const std::size_t second = raw.find("HTTP/1.1 200", 1);
  ASSERT_NE(second, std::string::npos) << raw;
  const std::string first = raw.substr(0, second);
  EXPECT_NE(first.find("Content-Length: "), std::string::npos);
  EXPECT_EQ(first.substr(first.size() - 4), "\r\n\r\n");
}

TEST(SocketHttp, AnswersExpect100ContinueBeforeTheBody) {
  ServerFixture f;
  RawClient client = f.connect();
  ASSERT_TRUE(client.send("PUT /x HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n"));
  const auto interim = client.read_reply();
  ASSERT_TRUE(interim.has_value());
  EXPECT_EQ(interim->status, 100);
  ASSERT_TRUE(client.send("data"));
  const auto reply = client.read_reply();
  ASSERT_TRUE(reply.has_value());
  EXPECT_EQ(echoed(*reply)["body"], "data");
}

TEST(SocketHttp, PassesHandlerStatusesThrough) {
  ServerFixture f;
  RawClient client = f.connect();
  ASSERT_TRUE(client.send("GET /status/404 HTTP/1.1\r\n\r\nGET /status/202 HTTP/1.1\r\n\r\n"));
  const auto not_found = client.read_reply();
  ASSERT_TRUE(not_found.has_value());
  EXPECT_EQ(not_found->status, 404);
  const auto accepted = client.read_reply();
  ASSERT_TRUE(accepted.has_value());
  EXPECT_EQ(accepted->status, 202);
}

TEST(SocketHttp, DropsResponseHeadersThatWouldBreakFraming) {
  ServerFixture f;
  RawClient client = f.connect();
  ASSERT_TRUE(client.send("GET /bad-header HTTP/1.1\r\n\r\nGET /after HTTP/1.1\r\n\r\n"));
  const auto reply = client.read_reply();
  ASSERT_TRUE(reply.has_value());
  EXPECT_EQ(reply->headers.count("x-evil"), 0u);
  EXPECT_EQ(reply->headers.count("set-cookie"), 0u);
  EXPECT_EQ(reply->headers.count("bad name"), 0u);
  EXPECT_EQ(reply->headers.at("content-length"), std::to_string(reply->body.size()));
  const auto after = client.read_reply();
  ASSERT_TRUE(after.has_value());
  EXPECT_EQ(echoed(*after)["path"], "/after");
}

TEST(SocketHttp, HandlerExceptionsBecome500AndTheServerGoesOn) {
  ServerFixture f;
  f.handler.throw_message = "disk on fire";
  {
    RawClient client = f.connect();
    ASSERT_TRUE(client.send("GET /v1/x HTTP/1.1\r\n\r\n"));
    const auto reply = client.read_reply();
    ASSERT_TRUE(reply.has_value());
    EXPECT_EQ(reply->status, 500);
    EXPECT_NE(echoed(*reply)["result"]["message"].get<std::string>().find("disk on fire"),
              std::string::npos);
  }
  f.handler.throw_message.reset();
  RawClient client = f.connect();
  ASSERT_TRUE(client.send("GET /v1/y HTTP/1.1\r\n\r\n"));
  const auto reply = client.read_reply();
  ASSERT_TRUE(reply.has_value());
  EXPECT_EQ(reply->status, 200);
}

TEST(SocketHttp, MalformedRequestsGet400AndTheConnectionCloses) {
  ServerFixture f;
  expect_refused(f, "GARBAGE\r\n\r\n", 400, "request line");
  expect_refused(f, "GET  /x HTTP/1.1\r\n\r\n", 400, "request line");
  expect_refused(f, "GET x HTTP/1.1\r\n\r\n", 400, "starting with '/'");
  expect_refused(f, "G(T /x HTTP/1.1\r\n\r\n", 400, "method");
  expect_refused(f, "GET /x HTTP/1.1\r\nNo colon here\r\n\r\n", 400, "no ':'");
  expect_refused(f, "GET /x HTTP/1.1\r\nName : v\r\n\r\n", 400, "header name");
  expect_refused(f, "GET /x HTTP/1.1\r\nA: b\r\n folded\r\n\r\n", 400, "folding");
  expect_refused(f, "GET /x HTTP/1.1\r\nA: b\x01\r\n\r\n", 400, "control character");
  expect_refused(f, "GET /x?a=%zz HTTP/1.1\r\n\r\n", 400, "percent-encoding");
  expect_refused(f, "GET /%zz HTTP/1.1\r\n\r\n", 400, "percent-encoding");
  expect_refused(f, "POST /x HTTP/1.1\r\nContent-Length: abc\r\n\r\n", 400, "Content-Length");
  expect_refused(f, "POST /x HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab", 400,
                 "conflicting");
  expect_refused(f, "POST /x HTTP/1.1\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n",
                 400, "both");
  expect_refused(f, "POST /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", 400,
                 "chunk size");
  expect_refused(f, "POST /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcX\r\n", 400,
                 "CRLF");
  expect_refused(f, "POST /x HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", 501, "gzip");
  expect_refused(f, "GET /x HTTP/2.0\r\n\r\n", 505, "not supported");
  expect_refused(f, "GET /x HTTP/1.1\r\nExpect: magic\r\nContent-Length: 1\r\n\r\n", 417, "magic");
  EXPECT_TRUE(f.handler.requests().empty());
}

TEST(SocketHttp, OversizedHeadersGet431) {
  SocketServerOptions options;
  options.max_header_bytes = 1024;
  ServerFixture f(options);
  // Without the blank line: the server must not wait for a head that never fits.
  expect_refused(f, "GET /x HTTP/1.1\r\nX-Big: " + std::string(2000, 'a') + "\r\n", 431,
                 "header section");
  expect_refused(f, "GET /x HTTP/1.1\r\nX-Big: " + std::string(2000, 'a') + "\r\n\r\n", 431,
                 "header section");
}

TEST(SocketHttp, OversizedBodiesGet413) {
  SocketServerOptions options;
  options.max_body_bytes = 100;
  ServerFixture f(options);
  expect_refused(f, "POST /x HTTP/1.1\r\nContent-Length: 101\r\n\r\n", 413, "limit of 100");
  expect_refused(f, "POST /x HTTP/1.1\r\nContent-Length: 99999999999999999999999\r\n\r\n", 413,
                 "limit");
  expect_refused(f,
                 "POST /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n32\r\n" +
                     std::string(50, 'a') + "\r\n33\r\n",
                 413, "limit of 100");
  // At the limit is fine.
  RawClient client = f.connect();
  ASSERT_TRUE(
      client.send("POST /x HTTP/1.1\r\nContent-Length: 100\r\n\r\n" + std::string(100, 'b')));
  const auto reply = client.read_reply();
  ASSERT_TRUE(reply.has_value());
  EXPECT_EQ(reply->status, 200);
}

TEST(SocketHttp, ClientsLeavingMidRequestDoNotDisturbTheServer) {
  ServerFixture f;
  for (const std::string partial :
       {"GET /x HT", "POST /x HTTP/1.1\r\nContent-Length: 10\r\n\r\nabc",
        "POST /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab"}) {
    RawClient client = f.connect();
    ASSERT_TRUE(client.send(partial));
    client.shutdown_write();
    EXPECT_TRUE(client.closed_by_server()) << partial;
  }
  {
    // A client that sends half a request and vanishes without a shutdown.
    RawClient client = f.connect();
    ASSERT_TRUE(client.send("POST /x HTTP/1.1\r\nContent-Length: 10\r\n\r\nabc"));
  }
  EXPECT_TRUE(f.handler.requests().empty());
  RawClient client = f.connect();
  ASSERT_TRUE(client.send("GET /alive HTTP/1.1\r\n\r\n"));
  const auto reply = client.read_reply();
  ASSERT_TRUE(reply.has_value());
  EXPECT_EQ(echoed(*reply)["path"], "/alive");
}

TEST(SocketHttp, ToleratesBareLineFeedsAndLeadingBlankLines) {
  ServerFixture f;
  RawClient client = f.connect();
  ASSERT_TRUE(client.send("\r\n\nGET /lf HTTP/1.1\nA: b\n\n"));
  const auto reply = client.read_reply();
  ASSERT_TRUE(reply.has_value());
  EXPECT_EQ(echoed(*reply)["path"], "/lf");
  EXPECT_EQ(f.handler.requests().at(0).headers.at("a"), "b");
}

}  // namespace
}  // namespace scenario::pebble::testing
