# Where the library is: written by `meson install` (INSTALLED_LIBRARY) and by the package's
# build (BUILD_ROOTS, the source tree it was built from); empty in the source tree.
INSTALLED_LIBRARY = ""
BUILD_ROOTS = []
