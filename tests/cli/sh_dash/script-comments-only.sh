# nothing
# but comments
