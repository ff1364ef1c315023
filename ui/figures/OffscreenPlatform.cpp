#include "OffscreenPlatform.h"

#include <QByteArray>

namespace ds::ui::figures {

void useOffscreenPlatformWithoutDisplay() {
    if (qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        return;
    if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY"))
        qputenv("QT_QPA_PLATFORM", QByteArrayLiteral("offscreen"));
}

} // namespace ds::ui::figures
