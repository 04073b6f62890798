// A minimal std::expected for compilers whose standard library has none usable: clang before
// 19 cannot use libstdc++ 12's <expected> (it needs __cpp_concepts >= 202002), and libFuzzer
// builds need clang. GCC builds never include this file. It provides only what beautyidx uses:
// expected<T, E>, expected<void, E>, unexpected<E>, has_value/value/error/value_or and the
// dereference operators.
#pragma once

#include <type_traits>
#include <utility>
#include <variant>

namespace std {

template <typename E>
class unexpected {
 public:
  template <typename Err = E>
  constexpr explicit unexpected(Err&& e) : error_(std::forward<Err>(e)) {}
  constexpr const E& error() const& noexcept { return error_; }
  constexpr E& error() & noexcept { return error_; }
  constexpr E&& error() && noexcept { return std::move(error_); }

 private:
  E error_;
};

template <typename E>
unexpected(E) -> unexpected<E>;

template <typename T, typename E>
class expected {
 public:
  using value_type = T;
  using error_type = E;

  constexpr expected() requires std::is_default_constructible_v<T> : storage_(std::in_place_index<0>) {}
  template <typename U = T>
    requires(!std::is_same_v<std::remove_cvref_t<U>, expected> &&
             !std::is_same_v<std::remove_cvref_t<U>, unexpected<E>> && std::is_constructible_v<T, U>)
  constexpr expected(U&& value) : storage_(std::in_place_index<0>, std::forward<U>(value)) {}
  template <typename G>
  constexpr expected(const unexpected<G>& u) : storage_(std::in_place_index<1>, u.error()) {}
  template <typename G>
  constexpr expected(unexpected<G>&& u) : storage_(std::in_place_index<1>, std::move(u).error()) {}

  constexpr bool has_value() const noexcept { return storage_.index() == 0; }
  constexpr explicit operator bool() const noexcept { return has_value(); }
  constexpr T& value() & { return std::get<0>(storage_); }
  constexpr const T& value() const& { return std::get<0>(storage_); }
  constexpr T&& value() && { return std::get<0>(std::move(storage_)); }
  constexpr E& error() & { return std::get<1>(storage_); }
  constexpr const E& error() const& { return std::get<1>(storage_); }
  constexpr E&& error() && { return std::get<1>(std::move(storage_)); }
  constexpr T& operator*() & { return value(); }
  constexpr const T& operator*() const& { return value(); }
  constexpr T&& operator*() && { return std::move(*this).value(); }
  constexpr T* operator->() { return &value(); }
  constexpr const T* operator->() const { return &value(); }
  template <typename U>
  constexpr T value_or(U&& fallback) const& {
    return has_value() ? value() : static_cast<T>(std::forward<U>(fallback));
  }

 private:
  std::variant<T, E> storage_;
};

template <typename E>
class expected<void, E> {
 public:
  using value_type = void;
  using error_type = E;

  constexpr expected() = default;
  template <typename G>
  constexpr expected(const unexpected<G>& u) : error_(u.error()), ok_(false) {}
  template <typename G>
  constexpr expected(unexpected<G>&& u) : error_(std::move(u).error()), ok_(false) {}

  constexpr bool has_value() const noexcept { return ok_; }
  constexpr explicit operator bool() const noexcept { return ok_; }
  constexpr void value() const {}
  constexpr const E& error() const& { return error_; }
  constexpr E& error() & { return error_; }

 private:
  E error_{};
  bool ok_ = true;
};

}  // namespace std
