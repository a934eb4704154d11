// The data attributes and <meta> tags of a page (the internals of
// html_extract.cpp; the rules are in html_extract.hpp).
#pragma once

#include <gumbo.h>

#include <string>
#include <vector>

#include "site/html_extract.hpp"

namespace osprey::site::dom {

// Reads data-osprey-<kind>="key, key:attr, ..." of n into out.
void read_data_attribute(const GumboNode* n, const char* name, std::vector<DataValue>& out,
                         std::vector<std::string>& warnings);

// <meta name|property=... content=...> -> a metadata key, or "".
std::string meta_key(const GumboNode* n);

}  // namespace osprey::site::dom
