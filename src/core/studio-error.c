#include "studio-error.h"

G_DEFINE_QUARK (studio-error-quark, studio_error)
