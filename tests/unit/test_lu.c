/* The replayed sparse LU (src/model/lu.c): answers worked by hand, the replay of one
 * analysis on new numbers, a new analysis when a replayed pivot fails, and singularity. */
#include "../support.h"
#include "../../src/model/lu.h"

/* rows of a dense n x n matrix (every entry given, zeros included) */
static void
by_rows(int n, const double *a, int *start, int *cols, double *vals)
{
    for (int i = 0; i < n; i++) {
        start[i] = i * n;
        for (int j = 0; j < n; j++) {
            cols[i * n + j] = j;
            vals[i * n + j] = a[i * n + j];
        }
    }
    start[n] = n * n;
}

static void
test_a_tridiagonal_system_and_its_replay(void **state)
{
    (void)state;
    int start[4], cols[9];
    double vals[9], b[3], x[3];
    tdm_lu *lu = tdm_lu_new();
    /* 4x + y = 1, x + 3y + z = 2, y + 2z = 3: x = (1 - y)/4, z = (3 - y)/2, so
     * (1 - y)/4 + 3y + (3 - y)/2 = 2, 9y = 1: y = 1/9, x = 2/9, z = 13/9 */
    const double a1[9] = {4, 1, 0, 1, 3, 1, 0, 1, 2};
    by_rows(3, a1, start, cols, vals);
    assert_int_equal(tdm_lu_factor(lu, 3, start, cols, vals), 0);
    b[0] = 1, b[1] = 2, b[2] = 3;
    tdm_lu_solve(lu, b, x);
    assert_close(x[0], 2.0 / 9, 1e-14);
    assert_close(x[1], 1.0 / 9, 1e-14);
    assert_close(x[2], 13.0 / 9, 1e-14);
    assert_int_equal(tdm_lu_analyses(lu), 1);
    /* same places, new numbers: 2x + y = 3, x + 2y + z = 4, y + 2z = 3; by symmetry
     * x = z, so 2x + y = 3 and 2x + 2y = 4: y = 1, x = z = 1. Replayed, not analysed. */
    const double a2[9] = {2, 1, 0, 1, 2, 1, 0, 1, 2};
    by_rows(3, a2, start, cols, vals);
    assert_int_equal(tdm_lu_factor(lu, 3, start, cols, vals), 0);
    b[0] = 3, b[1] = 4, b[2] = 3;
    tdm_lu_solve(lu, b, x);
    assert_close(x[0], 1, 1e-14);
    assert_close(x[1], 1, 1e-14);
    assert_close(x[2], 1, 1e-14);
    assert_int_equal(tdm_lu_analyses(lu), 1);
    tdm_lu_free(lu);
}

static void
test_a_pivot_that_vanishes_is_chosen_again(void **state)
{
    (void)state;
    int start[3], cols[4];
    double vals[4], b[2], x[2];
    tdm_lu *lu = tdm_lu_new();
    /* both columns hold two entries and both rows cost the same: the first analysis
     * pivots on (0, 0) */
    const double a1[4] = {1, 1, 1, 2};
    by_rows(2, a1, start, cols, vals);
    assert_int_equal(tdm_lu_factor(lu, 2, start, cols, vals), 0);
    /* (0, 0) becomes 1e-20, far below a hundredth of its column: the replay refuses it
     * and a new analysis pivots on (1, 0). 1e-20 x + y = 1 and x + y = 2:
     * x = 1 / (1 - 1e-20) = 1 and y = 1 - 1e-20 x = 1 to double precision. */
    const double a2[4] = {1e-20, 1, 1, 1};
    by_rows(2, a2, start, cols, vals);
    assert_int_equal(tdm_lu_factor(lu, 2, start, cols, vals), 0);
    assert_int_equal(tdm_lu_analyses(lu), 2);
    b[0] = 1, b[1] = 2;
    tdm_lu_solve(lu, b, x);
    assert_close(x[0], 1, 1e-15);
    assert_close(x[1], 1, 1e-15);
    tdm_lu_free(lu);
}

static void
test_singular_and_empty_matrices_are_refused(void **state)
{
    (void)state;
    int start[3], cols[4];
    double vals[4];
    tdm_lu *lu = tdm_lu_new();
    /* the second row is twice the first */
    const double a[4] = {1, 2, 2, 4};
    by_rows(2, a, start, cols, vals);
    assert_int_equal(tdm_lu_factor(lu, 2, start, cols, vals), -1);
    /* a column with no entry at all */
    int s2[3] = {0, 1, 2}, c2[2] = {0, 0};
    double v2[2] = {1, 1};
    assert_int_equal(tdm_lu_factor(lu, 2, s2, c2, v2), -1);
    assert_int_equal(tdm_lu_factor(lu, 0, s2, c2, v2), -1);
    /* a column given twice in one row breaks the contract: refused, not summed */
    int s3[3] = {0, 2, 3}, c3[3] = {0, 0, 1};
    double v3[3] = {1, 1, 1};
    assert_int_equal(tdm_lu_factor(lu, 2, s3, c3, v3), -1);
    assert_int_equal(tdm_lu_factor(lu, TDM_LU_MAX_N + 1, s2, c2, v2), -1);
    tdm_lu_free(lu);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_a_tridiagonal_system_and_its_replay),
        cmocka_unit_test(test_a_pivot_that_vanishes_is_chosen_again),
        cmocka_unit_test(test_singular_and_empty_matrices_are_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
