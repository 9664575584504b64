/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>
#include <webkit/webkit.h>

G_BEGIN_DECLS

#define STUDIO_TYPE_HUB_SIGN_IN_WINDOW (studio_hub_sign_in_window_get_type ())
G_DECLARE_FINAL_TYPE (StudioHubSignInWindow, studio_hub_sign_in_window, STUDIO, HUB_SIGN_IN_WINDOW, AdwWindow)

StudioHubSignInWindow *studio_hub_sign_in_window_new          (WebKitNetworkSession  *session,
                                                               const char            *region_id,
                                                               const char            *url,
                                                               const char            *certificate,
                                                               guint                  lifetime_seconds);
WebKitWebView         *studio_hub_sign_in_window_get_web_view (StudioHubSignInWindow *self);
gboolean               studio_hub_sign_in_window_is_signed_in_page (StudioHubSignInWindow *self,
                                                                    const char            *uri);

G_END_DECLS
