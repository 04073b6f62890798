// The widget's no-JavaScript fallback: its cards as a small self-contained HTML page (inline
// CSS, no script, no external resources but the cards' images), meant for an <iframe> in a
// <noscript>. Every crawled string is HTML-escaped, in text and in attributes alike; links and
// images appear only when they are http(s). Links open in the reader's window (target=_top).
// Private to the server folder.
#pragma once

#include <string>
#include <string_view>

#include "server/widget_cards.h"

namespace beautyidx::server {

std::string widget_page(const WidgetCards& cards);

// The same frame holding one line of text instead of cards, for errors ("not indexed yet").
std::string widget_message_page(std::string_view heading, std::string_view message);

// What the page's Content-Security-Policy allows: inline styles and http(s) images, nothing
// else, so even markup that slipped through escaping could not run.
inline constexpr std::string_view kWidgetPagePolicy =
    "default-src 'none'; style-src 'unsafe-inline'; img-src http: https:; base-uri 'none'; "
    "form-action 'none'";

}  // namespace beautyidx::server
