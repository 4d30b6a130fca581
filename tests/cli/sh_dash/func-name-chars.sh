my_func2() { echo ok; }
my_func2
_f() { echo underscore; }
_f
