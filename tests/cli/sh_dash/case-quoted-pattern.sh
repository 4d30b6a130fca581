p='*'
case abc in "$p") echo quoted-star ;; *) echo unquoted-star ;; esac
case '*' in "$p") echo literal ;; esac
case abc in $p) echo pattern-from-var ;; esac
case 'a*' in a\*) echo escaped ;; esac
case 'a?' in 'a?') echo single-quoted ;; esac
