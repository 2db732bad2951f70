"""LibreOffice as a second editor: a Basic macro run headless opens a rendered document, records changes, edits,
accepts and rejects our changes, comments and saves as .docx, the way a lead member would in the program.

Writer's view needs its own dialog definitions (modules/swriter/ui), which the -nogui package leaves out: with them
missing, LibreOffice aborts as soon as a document with comments is shown. The tests need `libreoffice-writer`.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from libreoffice import SOFFICE

from conftest import need

WRITER_UI = Path("/usr/lib/libreoffice/share/config/soffice.cfg/modules/swriter/ui/annotation.ui")

LIBRARY = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE library:library PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "library.dtd">
<library:library xmlns:library="http://openoffice.org/2000/library" library:name="Standard" library:readonly="false"
 library:passwordprotected="false"><library:element library:name="Module1"/></library:library>
"""

MODULE = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" script:language="StarBasic">
{code}
</script:module>
"""

BASIC = r"""
Sub SetAuthor(first As String, last As String)
  provider = GetDefaultContext().getValueByName("/singletons/com.sun.star.configuration.theDefaultProvider")
  Dim path(0) As New com.sun.star.beans.PropertyValue
  path(0).Name = "nodepath" : path(0).Value = "/org.openoffice.UserProfile/Data"
  settings = provider.createInstanceWithArguments("com.sun.star.configuration.ConfigurationUpdateAccess", path())
  settings.setPropertyValue("givenname", first)
  settings.setPropertyValue("sn", last)
  settings.commitChanges()
End Sub

Function FoundWords(doc, words As String)
  search = doc.createSearchDescriptor()
  search.SearchString = words
  FoundWords = doc.findFirst(search)
  If IsNull(FoundWords) Then Error 1000
End Function

Sub RunCommand(doc, name As String)
  helper = createUnoService("com.sun.star.frame.DispatchHelper")
  Dim none()
  helper.executeDispatch(doc.CurrentController.Frame, name, "", 0, none())
End Sub

Sub AddComment(doc, words As String, author As String, text As String, resolved As Boolean)
  annotation = doc.createInstance("com.sun.star.text.textfield.Annotation")
  annotation.Author = author
  annotation.Content = text
  Dim moment As New com.sun.star.util.DateTime
  moment.Year = 2024 : moment.Month = 3 : moment.Day = 21 : moment.Hours = 10 : moment.Minutes = 30
  annotation.DateTimeValue = moment
  place = FoundWords(doc, words)
  doc.Text.insertTextContent(place, annotation, True)
  If resolved Then annotation.Resolved = True
End Sub

Sub ReviewEdits(doc)
  SetAuthor("Ann", "Reviewer")
  doc.RecordChanges = True
  FoundWords(doc, "flexibility").String = "room for manoeuvre"
  doc.CurrentController.select(FoundWords(doc, "are very pleased"))
  RunCommand(doc, ".uno:AcceptTrackedChange")
  doc.CurrentController.select(FoundWords(doc, "acting quickly on"))
  RunCommand(doc, ".uno:RejectTrackedChange")
  doc.RecordChanges = False
  FoundWords(doc, "training for carers").String = "training for all carers"
  doc.RecordChanges = True
  doomed = FoundWords(doc, "A detailed point under the paragraph above.")
  cursor = doomed.Text.createTextCursorByRange(doomed)
  cursor.gotoStartOfParagraph(False)
  cursor.gotoEndOfParagraph(True)
  cursor.goRight(1, True)
  cursor.String = ""
  after = FoundWords(doc, "keep working with it.")
  cursor = after.Text.createTextCursorByRange(after.End)
  after.Text.insertControlCharacter(cursor, com.sun.star.text.ControlCharacter.PARAGRAPH_BREAK, False)
  after.Text.insertString(cursor, "We also ask for a national recruitment campaign.", False)
  FoundWords(doc, "agency social work").CharWeight = com.sun.star.awt.FontWeight.BOLD
  AddComment(doc, "pathfinders", "Ann Reviewer", "Name the pathfinder areas?", False)
  AddComment(doc, "wider family", "Ann Reviewer", "Good.", True)
End Sub

Sub Main
  On Error Goto Failed
  doing = "opening the job list"
  jobs = FreeFile
  Open Environ("PD_JOBS") For Input As #jobs
  Dim loading(0) As New com.sun.star.beans.PropertyValue
  loading(0).Name = "Hidden" : loading(0).Value = True
  Dim saving(0) As New com.sun.star.beans.PropertyValue
  saving(0).Name = "FilterName" : saving(0).Value = "MS Word 2007 XML"
  While Not EOF(jobs)
    Line Input #jobs, job
    If job <> "" Then
      parts = Split(job, "|")
      doing = "loading " &amp; parts(0)
      doc = StarDesktop.loadComponentFromURL(ConvertToURL(parts(0)), "_blank", 0, loading())
      doing = "editing " &amp; parts(0)
      If parts(2) = "review" Then ReviewEdits(doc)
      doing = "saving " &amp; parts(1)
      doc.storeToURL(ConvertToURL(parts(1)), saving())
      doc.close(True)
    End If
  Wend
  Close #jobs
  StarDesktop.terminate()
  Exit Sub
Failed:
  report = FreeFile
  Open Environ("PD_LOG") For Output As #report
  Print #report, "error " &amp; Err &amp; " place line " &amp; Erl &amp; " while " &amp; doing &amp; ": " &amp; Error$
  Close #report
  StarDesktop.terminate()
End Sub
"""


def edit(jobs: list[tuple[Path, Path, str]], workdir: Path) -> None:
    """Run every (source, output, script) job in one LibreOffice session; script "review" or "none"."""
    need(SOFFICE is not None and WRITER_UI.is_file(), "LibreOffice Writer with its UI files (libreoffice-writer)")
    profile = workdir / "lo-editor-profile"
    url = f"-env:UserInstallation={profile.as_uri()}"
    subprocess.run(
        [SOFFICE, url, "--headless", "--norestore", "--terminate_after_init"], capture_output=True, timeout=120
    )
    basic = profile / "user" / "basic" / "Standard"
    basic.mkdir(parents=True, exist_ok=True)
    (basic / "script.xlb").write_text(LIBRARY, encoding="utf-8")
    code = BASIC.replace("&amp;", "&").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    (basic / "Module1.xba").write_text(MODULE.format(code=code), encoding="utf-8")
    listing = workdir / "lo-jobs.txt"
    log = workdir / "lo-editor.log"
    listing.write_text("".join(f"{src}|{out}|{script}\n" for src, out, script in jobs), encoding="utf-8")
    proc = subprocess.run(
        [SOFFICE, url, "--headless", "--norestore", "macro:///Standard.Module1.Main"],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PD_JOBS": str(listing), "PD_LOG": str(log)},
    )
    assert not log.exists(), log.read_text(encoding="utf-8")
    missing = [str(out) for _, out, _ in jobs if not out.exists()]
    assert not missing, f"LibreOffice wrote no {missing}: rc={proc.returncode} {proc.stderr[-2000:]}"
