// A small checker for the JSON-schema subset server/openapi.json uses: $ref (local), allOf,
// type, nullable, required, properties, items, enum. Keywords that only document (description,
// minimum, pattern...) are accepted and not checked; any other keyword is reported, so the
// document cannot rely on something this checker silently ignores.
#pragma once

#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

namespace beautyidx::test {

class SchemaChecker {
 public:
  explicit SchemaChecker(const nlohmann::json& document) : document_(document) {}

  // Follows "$ref": "#/..." (repeatedly) within the document.
  const nlohmann::json& resolve(const nlohmann::json& node) const {
    const nlohmann::json* current = &node;
    for (int depth = 0; depth < 16 && current->is_object() && current->contains("$ref"); ++depth) {
      std::string ref = (*current)["$ref"].get<std::string>();
      if (!ref.starts_with("#/")) break;
      current = &document_.at(nlohmann::json::json_pointer(ref.substr(1)));
    }
    return *current;
  }

  // Problems with `value` against `schema`, each prefixed with `where` (a JSON path).
  std::vector<std::string> check(const nlohmann::json& schema, const nlohmann::json& value,
                                 const std::string& where = "$") const {
    std::vector<std::string> problems;
    check_into(schema, value, where, problems);
    return problems;
  }

 private:
  static bool has_type(const nlohmann::json& value, const std::string& type) {
    if (type == "object") return value.is_object();
    if (type == "array") return value.is_array();
    if (type == "string") return value.is_string();
    if (type == "integer") return value.is_number_integer();
    if (type == "number") return value.is_number();
    if (type == "boolean") return value.is_boolean();
    return false;
  }

  void check_into(const nlohmann::json& raw, const nlohmann::json& value, const std::string& where,
                  std::vector<std::string>& problems) const {
    static const std::set<std::string> kChecked = {"$ref",     "allOf",      "type",  "nullable",
                                                   "required", "properties", "items", "enum"};
    static const std::set<std::string> kDocumentary = {
        "description", "default",  "example",  "minimum", "maximum", "minLength",
        "maxLength",   "minItems", "maxItems", "pattern", "format",  "title"};
    const nlohmann::json& schema = resolve(raw);
    if (!schema.is_object()) {
      problems.push_back(where + ": schema is not an object");
      return;
    }
    for (const auto& [keyword, unused] : schema.items()) {
      if (!kChecked.contains(keyword) && !kDocumentary.contains(keyword))
        problems.push_back(where + ": the checker does not know the keyword '" + keyword + "'");
    }
    if (value.is_null()) {
      if (!schema.value("nullable", false))
        problems.push_back(where + ": null where the schema allows none");
      return;
    }
    if (schema.contains("allOf")) {
      for (const auto& part : schema["allOf"]) check_into(part, value, where, problems);
    }
    if (schema.contains("type") && !has_type(value, schema["type"].get<std::string>())) {
      problems.push_back(where + ": expected " + schema["type"].get<std::string>() + ", got " +
                         value.dump());
      return;
    }
    if (schema.contains("enum")) {
      bool listed = false;
      for (const auto& option : schema["enum"]) listed = listed || option == value;
      if (!listed)
        problems.push_back(where + ": " + value.dump() + " is not one of " + schema["enum"].dump());
    }
    if (value.is_object()) {
      for (const auto& name : schema.value("required", nlohmann::json::array())) {
        if (!value.contains(name.get<std::string>()))
          problems.push_back(where + ": the required '" + name.get<std::string>() + "' is missing");
      }
      if (schema.contains("properties")) {
        for (const auto& [name, property] : schema["properties"].items()) {
          if (value.contains(name)) check_into(property, value[name], where + "." + name, problems);
        }
      }
    }
    if (value.is_array() && schema.contains("items")) {
      for (size_t i = 0; i < value.size(); ++i) {
        check_into(schema["items"], value[i], where + "[" + std::to_string(i) + "]", problems);
      }
    }
  }

  const nlohmann::json& document_;
};

}  // namespace beautyidx::test
