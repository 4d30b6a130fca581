cat 3<<END <&3
from fd 3
END
