# >>> roo-session >>> added by `roo hooks install`; `roo hooks uninstall` removes this block
roo_refeed=1
@LOCATE@
# <<< roo-session <<<
