#pragma once

#include <QMenu>

namespace ds::ui {

class InputsOpener;

// File > Open Recent: the ten last inputs, newest first, with numbered
// mnemonics; rebuilt whenever the list changes.
class RecentFilesMenu : public QMenu {
    Q_OBJECT
public:
    RecentFilesMenu(InputsOpener& opener, QWidget* parent = nullptr);

private:
    void rebuild();

    InputsOpener& m_opener;
};

} // namespace ds::ui
