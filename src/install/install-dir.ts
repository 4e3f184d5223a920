// Where an install in progress keeps its journal, snapshot, staged copy and shadow data dir (inside the
// data dir, so a rename into place never crosses file systems). Its own module so the init hook can
// check for it on every command without loading the install code.
export const INSTALL_DIR = '.studio-install';
