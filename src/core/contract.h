/* contract.h (private to the library): what a caller of the library must do, checked.
 *
 * A contract is a promise of the caller's code, never of the input: a study is opened
 * before it is evaluated, a model is not in the middle of an update when it is solved, an
 * index lies in its table. A debug build checks each and stops at the first broken one,
 * naming it and the function, as a bug is best found where it is made; a release build
 * (meson's b_ndebug=if-release defines NDEBUG) compiles the checks out. Where a broken
 * contract can be survived, the function returns a TDM_EAPI error in release builds as
 * well. Bad input is never a contract: it is an error with its file and line. */
#ifndef TANDEM_CONTRACT_H
#define TANDEM_CONTRACT_H

#ifdef NDEBUG
#define TDM_CONTRACT(cond) ((void)0)
#else
#define TDM_CONTRACT(cond)                                                                         \
    ((cond) ? (void)0 : tdm_contract_broken(#cond, __func__, __FILE__, __LINE__))
#endif

/* Prints "tandem: contract broken in FUNC (FILE:LINE): COND" and aborts. */
_Noreturn void tdm_contract_broken(const char *cond, const char *func, const char *file, int line);

#endif
