printf '%d %d %d\n' 0x10 010 -5
printf '%u\n' 7
printf '%e %f %g\n' 1.5 2.25 0.0001
