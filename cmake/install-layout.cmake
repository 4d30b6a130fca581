# Run by `cmake --install` and cpack (install(SCRIPT) in CMakeLists.txt):
# where the applet links, the man pages and the completion files go.
# Set before it: OSBOX_BIN (the built binary), OSBOX_MAN_PAGES,
# OSBOX_COMPLETION_DIR, and GNUInstallDirs' BINDIR, MANDIR and DATADIR as
# OSBOX_BINDIR, OSBOX_MANDIR, OSBOX_DATADIR.
#
# Under any prefix but /usr the links go in bin beside osbox, for whoever
# installs there to use in place of the system's tools. Under /usr (a .deb
# or a distribution's install) names such as chmod and env belong to
# coreutils, their completions to bash-completion: the links go to
# lib/osbox/bin, and what is only for the GNU-named applets (their man
# pages, their bash completions, the zsh completion that names them) goes
# under lib/osbox/share, where man-db and bash-completion look for a PATH
# directory DIR/bin (in DIR/share/man and DIR/share/bash-completion): it
# serves only someone who puts lib/osbox/bin in PATH.

cmake_policy(VERSION 3.16)

# The applets that share a name with a GNU coreutils program.
set(gnu_names chmod env readlink stat)

execute_process(COMMAND "${OSBOX_BIN}" --list OUTPUT_VARIABLE applets RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${OSBOX_BIN} --list failed")
endif()
string(REPLACE "\n" ";" applets "${applets}")
list(FILTER applets EXCLUDE REGEX "^$")

set(prefix "${CMAKE_INSTALL_PREFIX}")
string(REGEX REPLACE "/+$" "" prefix "${prefix}")
foreach(d BINDIR MANDIR DATADIR)
  if(IS_ABSOLUTE "${OSBOX_${d}}")
    set(${d} "${OSBOX_${d}}")
  else()
    set(${d} "${prefix}/${OSBOX_${d}}")
  endif()
endforeach()

if(prefix STREQUAL "/usr")
  set(system TRUE)
  set(own "${prefix}/lib/osbox")
  set(linkdir "${own}/bin")
else()
  set(system FALSE)
  set(linkdir "${BINDIR}")
endif()

# What a path is under DESTDIR, for file(CREATE_LINK) (file(INSTALL) adds
# DESTDIR itself).
macro(staged var path)
  set(${var} "$ENV{DESTDIR}${path}")
endmacro()

# The links: their target computed from the layout (the relative path from
# linkdir to bin/osbox), so that they hold under DESTDIR and in the .deb.
file(RELATIVE_PATH target "${linkdir}" "${BINDIR}/osbox")
staged(dir "${linkdir}")
file(MAKE_DIRECTORY "${dir}")
foreach(a IN LISTS applets)
  message(STATUS "Installing: ${dir}/${a} -> ${target}")
  file(CREATE_LINK "${target}" "${dir}/${a}" SYMBOLIC)
endforeach()

# The man pages.
foreach(page IN LISTS OSBOX_MAN_PAGES)
  get_filename_component(name "${page}" NAME_WE)
  if(system AND name IN_LIST gnu_names)
    set(dir "${own}/share/man/man1")
  else()
    set(dir "${MANDIR}/man1")
  endif()
  file(INSTALL "${page}" DESTINATION "${dir}")
endforeach()

# A completion file without the GNU names on its `complete` (bash) or
# `#compdef` (zsh) line, for the shared directories under /usr.
function(without_gnu_names in out)
  file(READ "${in}" text)
  string(REGEX MATCH "(^|\n)(complete|#compdef) [^\n]*" line "${text}")
  set(new "${line} ")
  foreach(n IN LISTS gnu_names)
    string(REPLACE " ${n} " " " new "${new}")
  endforeach()
  string(REGEX REPLACE " $" "" new "${new}")
  string(REPLACE "${line}" "${new}" text "${text}")
  file(WRITE "${out}" "${text}")
endfunction()

# bash-completion loads completions/NAME for command NAME: a link per
# applet to the one file.
function(bash_completion file dir names)
  file(INSTALL "${file}" DESTINATION "${dir}" RENAME osbox)
  staged(d "${dir}")
  foreach(a IN LISTS names)
    file(CREATE_LINK osbox "${d}/${a}" SYMBOLIC)
  endforeach()
endfunction()

set(bash "${OSBOX_COMPLETION_DIR}/osbox")
set(zsh "${OSBOX_COMPLETION_DIR}/_osbox")
if(system)
  set(others "${applets}")
  list(REMOVE_ITEM others ${gnu_names})
  set(tmp "${OSBOX_COMPLETION_DIR}/system")
  file(MAKE_DIRECTORY "${tmp}")
  without_gnu_names("${bash}" "${tmp}/osbox")
  without_gnu_names("${zsh}" "${tmp}/_osbox")
  bash_completion("${tmp}/osbox" "${DATADIR}/bash-completion/completions" "${others}")
  set(gnu "")
  foreach(n IN LISTS gnu_names)
    if(n IN_LIST applets)
      list(APPEND gnu "${n}")
    endif()
  endforeach()
  bash_completion("${bash}" "${own}/share/bash-completion/completions" "${gnu}")
  file(INSTALL "${tmp}/_osbox" DESTINATION "${DATADIR}/zsh/site-functions")
  file(INSTALL "${zsh}" DESTINATION "${own}/share/zsh/site-functions")
else()
  bash_completion("${bash}" "${DATADIR}/bash-completion/completions" "${applets}")
  file(INSTALL "${zsh}" DESTINATION "${DATADIR}/zsh/site-functions")
endif()
