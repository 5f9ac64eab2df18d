#ifndef RUBRIC_CYAML_SHIM_H
#define RUBRIC_CYAML_SHIM_H
#include <yaml.h>
#endif
