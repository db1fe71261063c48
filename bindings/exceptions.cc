// SPDX-License-Identifier: Apache-2.0
// bindings/exceptions.cc: the only place C++ exceptions become Python exceptions.
//
// Every class of scenario/errors.h gets a Python class of the same name (the root,
// scenario::Error, is ScenarioError), registered in hierarchy order under RuntimeError
// as ops-scenario's are. Errors that carry problems expose them as `.problems`.
// Python exceptions travelling through C++ (nb::python_error) pass untouched; any
// other std::exception is an engine bug and becomes InternalError.

#include <nanobind/nanobind.h>
#include <nanobind/stl/string.h>
#include <nanobind/stl/vector.h>

#include "bindings.h"
#include "scenario/errors.h"

namespace nb = nanobind;

namespace scenario::bindings {

namespace {

// Python types, filled once at import and kept for the life of the process.
struct ExceptionTypes {
  nb::handle error, internal, context_setup, metadata_not_found, problems, state_validation,
      spec, bind_failed, invalid_event, invalid_action, already_emitted, runtime, inconsistent,
      uncaught_charm, no_observer, bad_owner_path, consistency_warning,
      change_after_run_warning;
};
ExceptionTypes types;

// `base` is a class or a tuple of classes.
nb::handle make_type(nb::module_& m, const char* name, nb::handle base, const char* doc) {
  std::string qualified = std::string("scenario._core.") + name;
  PyObject* type = PyErr_NewExceptionWithDoc(qualified.c_str(), doc, base.ptr(), nullptr);
  if (type == nullptr) throw nb::python_error();
  m.attr(name) = nb::handle(type);
  return type;  // the module keeps a reference for the process lifetime
}

// Raises `type(message)` with `.problems` set to the list of Problem objects.
void raise_with_problems(nb::handle type, const ProblemsError& e) {
  nb::object instance = type(nb::str(e.what()));
  nb::list problems;
  for (const Problem& p : e.problems()) problems.append(nb::cast(p));
  instance.attr("problems") = problems;
  PyErr_SetObject(type.ptr(), instance.ptr());
}

// Raises InconsistentScenarioError(message) with `.errors`, `.warnings` and `.findings`
// (lists of Finding).
void raise_with_findings(nb::handle type, const InconsistentScenarioError& e) {
  nb::object instance = type(nb::str(e.what()));
  instance.attr("errors") = nb::cast(e.errors());
  instance.attr("warnings") = nb::cast(e.warnings());
  instance.attr("findings") = nb::cast(e.findings());
  PyErr_SetObject(type.ptr(), instance.ptr());
}

void translate(const std::exception_ptr& p, void*) {
  try {
    std::rethrow_exception(p);
  } catch (const StateValidationError& e) {
    raise_with_problems(types.state_validation, e);
  } catch (const SpecError& e) {
    raise_with_problems(types.spec, e);
  } catch (const ProblemsError& e) {
    raise_with_problems(types.problems, e);
  } catch (const InternalError& e) {
    PyErr_SetString(types.internal.ptr(), e.what());
  } catch (const ContextSetupError& e) {
    PyErr_SetString(types.context_setup.ptr(), e.what());
  } catch (const MetadataNotFoundError& e) {
    PyErr_SetString(types.metadata_not_found.ptr(), e.what());
  } catch (const BindFailedError& e) {
    PyErr_SetString(types.bind_failed.ptr(), e.what());
  } catch (const InvalidActionError& e) {
    PyErr_SetString(types.invalid_action.ptr(), e.what());
  } catch (const InvalidEventError& e) {
    PyErr_SetString(types.invalid_event.ptr(), e.what());
  } catch (const AlreadyEmittedError& e) {
    PyErr_SetString(types.already_emitted.ptr(), e.what());
  } catch (const NoObserverError& e) {
    PyErr_SetString(types.no_observer.ptr(), e.what());
  } catch (const BadOwnerPath& e) {
    PyErr_SetString(types.bad_owner_path.ptr(), e.what());
  } catch (const InconsistentScenarioError& e) {
    raise_with_findings(types.inconsistent, e);
  } catch (const UncaughtCharmError& e) {
    PyErr_SetString(types.uncaught_charm.ptr(), e.what());
  } catch (const ScenarioRuntimeError& e) {
    PyErr_SetString(types.runtime.ptr(), e.what());
  } catch (const Error& e) {
    PyErr_SetString(types.error.ptr(), e.what());
  } catch (const nb::python_error&) {
    throw;  // already a Python exception: keep it as it is
  } catch (const nb::builtin_exception&) {
    throw;  // nanobind's own TypeError/ValueError/...: let nanobind translate it
  } catch (const std::exception& e) {
    PyErr_SetString(types.internal.ptr(),
                    (std::string("internal error: ") + e.what() +
                     "; this is a bug in scenario, please report it")
                        .c_str());
  }
}

}  // namespace

void bind_exceptions(nb::module_& m) {
  types.error = make_type(m, "ScenarioError", PyExc_RuntimeError,
                          "Root of every error scenario raises on purpose.");
  types.internal = make_type(m, "InternalError", types.error,
                             "A bug in scenario itself; please report it.");
  types.context_setup = make_type(m, "ContextSetupError", types.error,
                                  "The test Context could not be set up.");
  types.metadata_not_found = make_type(m, "MetadataNotFoundError", types.error,
                                       "No charm metadata was found where it was looked for.");
  types.problems = make_type(m, "ProblemsError", types.error,
                             "A document has problems; each is in `.problems`.");
  types.spec = make_type(m, "SpecError", types.problems,
                         "A charm spec file is malformed; see `.problems`.");
  types.bind_failed = make_type(m, "BindFailedError", types.error,
                                "An Event could not be bound to the State it is about.");
  types.invalid_event = make_type(m, "InvalidEventError", types.error,
                                  "The event given to a run is not usable.");
  types.invalid_action = make_type(m, "InvalidActionError", types.invalid_event,
                                   "The action given to run_action is not usable.");
  types.already_emitted = make_type(m, "AlreadyEmittedError", types.error,
                                    "A run manager's event was already emitted.");
  types.runtime = make_type(m, "ScenarioRuntimeError", types.error,
                            "A failure while running a scenario.");
  types.inconsistent = make_type(m, "InconsistentScenarioError", types.runtime,
                                 "The scenario could not happen on a real Juju.");
  // A malformed State could not happen either: ops-scenario's consistency checker
  // reported such States, so tests expecting InconsistentScenarioError catch it too.
  const nb::tuple state_validation_bases = nb::make_tuple(types.problems, types.inconsistent);
  types.state_validation = make_type(m, "StateValidationError", state_validation_bases,
                                     "A State or Event is malformed; see `.problems`.");
  types.uncaught_charm = make_type(m, "UncaughtCharmError", types.runtime,
                                   "The charm raised while handling the event.");
  types.no_observer = make_type(m, "NoObserverError", types.runtime,
                                "The event has no source on its owner; nothing could observe it.");
  types.bad_owner_path = make_type(m, "BadOwnerPath", types.runtime,
                                   "A custom event path names an owner the charm does not have.");
  // Not an exception of the engine: the Python warning category of warning findings.
  types.consistency_warning = make_type(
      m, "ConsistencyWarning", PyExc_UserWarning,
      "A consistency finding of severity warning: plausible, but probably not meant.");
  // Nor this one: the category of a hook tool that changed the State after its run.
  types.change_after_run_warning = make_type(
      m, "ChangeAfterRunWarning", PyExc_UserWarning,
      "A hook tool changed the State after its run was over: the change is not in the "
      "run's output State.");
  nb::register_exception_translator(translate);
}

}  // namespace scenario::bindings
