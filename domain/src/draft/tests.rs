//! Parser tests on realistic drafts (fixtures/), on the same drafts as GB18030, with
//! a BOM, as UTF-16 and as .docx, on bad files, and property tests.

use std::io::Write;

use proptest::prelude::*;

use super::*;
use crate::{limits, test_bombs};

const WUYE: &str = include_str!("fixtures/wuye.txt");
const YANGQUAN: &str = include_str!("fixtures/yangquan.txt");
const BANFA: &str = include_str!("fixtures/banfa.txt");
const SHIRONG: &str = include_str!("fixtures/shirong.txt");

/// 1-based number of the first line of `text` that starts with `prefix`.
fn line_of(text: &str, prefix: &str) -> usize {
    text.lines()
        .position(|l| l.starts_with(prefix))
        .map(|i| i + 1)
        .unwrap()
}

fn skipped(text: &str, prefix: &str) -> Irregularity {
    let line = line_of(text, prefix);
    Irregularity::SkippedLine {
        line,
        text: text.lines().nth(line - 1).unwrap().trim().to_owned(),
    }
}

fn numbers(draft: &Draft) -> Vec<u32> {
    draft.articles.iter().map(|a| a.number).collect()
}

fn titles(divisions: &[&Division]) -> Vec<String> {
    divisions.iter().map(|d| d.title.clone()).collect()
}

#[test]
fn property_management_draft_with_notice_toc_titles_and_annex() {
    let draft = parse(WUYE).unwrap();
    assert_eq!(draft.title.as_deref(), Some("某市物业管理条例（草案）"));
    assert!(
        draft
            .preamble
            .starts_with("关于公开征求《某市物业管理条例（草案）》意见的公告\n为了推进科学立法")
    );
    assert!(
        draft
            .preamble
            .ends_with("某市人民代表大会常务委员会法制工作委员会\n2025年5月30日")
    );
    assert!(
        !draft.preamble.contains("目录"),
        "the table of contents is not preamble"
    );
    assert!(!draft.preamble.contains("第一章"));

    // The table of contents produced no chapters of its own.
    assert_eq!(draft.divisions.len(), 6);
    let chapters: Vec<&Division> = draft.chapters().collect();
    assert_eq!(
        titles(&chapters),
        [
            "总则",
            "业主、业主大会和业主委员会",
            "物业服务",
            "物业的使用和维护",
            "法律责任",
            "附则"
        ]
    );
    assert_eq!(chapters[1].label, "第二章");
    let firsts: Vec<usize> = chapters.iter().map(|d| d.first_article).collect();
    assert_eq!(firsts, [0, 5, 13, 20, 25, 28]);

    assert_eq!(draft.articles.len(), 30);
    assert_eq!(numbers(&draft), (1..=30).collect::<Vec<_>>());
    let first = &draft.articles[0];
    assert_eq!(first.label, "第一条");
    assert_eq!(first.title.as_deref(), Some("立法目的"));
    assert!(first.text.starts_with("为了规范物业管理活动"));
    let last = draft.articles.last().unwrap();
    assert_eq!(last.label, "第三十条");
    assert_eq!(last.title.as_deref(), Some("施行日期"));
    assert_eq!(
        last.text, "本条例自2026年1月1日起施行。",
        "the annex is not part of it"
    );
    assert_eq!(last.chapter, Some(5));

    // A wrapped line is joined; a new sentence is a new 款.
    assert_eq!(
        draft.article(2).unwrap().text,
        "本市行政区域内的物业管理、使用、服务及其监督管理活动，适用本条例。\n\
         本条例所称物业管理，是指业主通过选聘物业服务人，由业主和物业服务人按照物业服务合同约定，\
         对房屋及配套的设施设备和相关场地进行维修、养护、管理，维护物业管理区域内的环境卫生和相关秩序的活动。"
    );
    // 项 each on their line, a wrapped 项 joined, and the second 款.
    assert_eq!(
        draft.article(7).unwrap().text,
        "业主在物业管理活动中，享有下列权利：\n\
         （一）按照物业服务合同的约定，接受物业服务人提供的服务；\n\
         （二）提议召开业主大会会议，并就物业管理的有关事项提出建议；\n\
         （三）提出制定和修改管理规约、业主大会议事规则的建议；\n\
         （四）参加业主大会会议，行使投票权；\n\
         （五）选举业主委员会成员，并享有被选举权；\n\
         （六）监督业主委员会的工作和物业服务人履行物业服务合同的情况，\
         对物业共有部分使用情况和公共收益收支情况享有知情权；\n\
         （七）法律、法规规定的其他权利。\n\
         业主可以委托物业使用人行使前款第四项、第五项规定的权利，但是应当出具书面委托书。"
    );
    // "第十二条的规定" at the start of a line, with exactly the next number, is a
    // cross-reference: the line before ends with 按照 and it continues with 的.
    assert_eq!(
        draft.article(11).unwrap().text.lines().last(),
        Some("前款规定事项的表决程序，按照第十二条的规定执行。")
    );
    assert_eq!(
        draft.article(12).unwrap().title.as_deref(),
        Some("表决规则")
    );
    assert_eq!(draft.article(12).unwrap().chapter, Some(1));
    assert!(draft.article(19).unwrap().text.starts_with(
        "物业服务合同终止的，原物业服务人应当在约定期限或者合理期限内退出物业管理区域，\
         并依照本条例第十五条规定的交接内容，"
    ));
    assert_eq!(draft.division_articles(4).len(), 3);

    assert_eq!(
        draft.irregularities,
        [
            skipped(WUYE, "附件："),
            skipped(WUYE, "　　一、立法的必要性"),
            skipped(WUYE, "　　本市现有住宅小区"),
            skipped(WUYE, "　　二、主要内容"),
            skipped(WUYE, "　　草案共六章三十条"),
        ]
    );
}

#[test]
fn dog_regulation_with_glued_headings_split_title_and_duplicate() {
    let draft = parse(YANGQUAN).unwrap();
    assert_eq!(
        draft.title.as_deref(),
        Some("某市养犬管理条例（修订草案征求意见稿）")
    );
    assert_eq!(
        draft.preamble,
        "（2025年4月18日市十七届人大常委会第二十一次会议初审后公布）"
    );
    let chapters: Vec<&Division> = draft.chapters().collect();
    assert_eq!(
        titles(&chapters),
        ["总则", "犬只登记", "犬只管理", "法律责任", "附则"]
    );
    assert_eq!(chapters[2].label, "第三章");

    assert_eq!(draft.articles.len(), 22);
    let mut expected: Vec<u32> = (1..=21).collect();
    expected.insert(15, 15);
    assert_eq!(numbers(&draft), expected);
    assert_eq!(draft.articles[0].title, None);
    assert!(draft.articles[0].text.starts_with("为了规范养犬行为"));
    assert_eq!(draft.articles[21].label, "第二十一条");
    assert!(
        draft.articles[21]
            .text
            .ends_with("《某市养犬管理规定》同时废止。")
    );

    // A forward reference to the very next article, at the start of a line, stays text
    // because it continues with 规定.
    assert_eq!(
        draft.article(7).unwrap().text,
        "申请养犬登记的，应当提交下列材料：\n（一）养犬人身份证明；\n（二）犬只免疫证明；\n\
         （三）犬只照片。\n养犬人应当持有效的第八条规定的犬只免疫证明办理登记。"
    );
    assert!(
        draft
            .article(8)
            .unwrap()
            .text
            .starts_with("犬只免疫证明由动物诊疗机构")
    );
    assert_eq!(
        draft.article(10).unwrap().text,
        "养犬登记证有效期为一年。养犬人应当在有效期届满前三十日内办理延续手续。"
    );
    assert_eq!(
        draft.article(11).unwrap().title.as_deref(),
        Some("重点管理区")
    );
    assert_eq!(
        draft.article(18).unwrap().text,
        "违反本条例第六条规定，未经登记养犬的，由公安机关责令限期登记，可以处五百元以下罚款。"
    );
    assert_eq!(draft.article(13).unwrap().chapter, Some(2));
    let fifteen: Vec<&Article> = draft.articles.iter().filter(|a| a.number == 15).collect();
    assert!(fifteen[1].text.starts_with("禁止携犬乘坐"));

    assert_eq!(
        draft.irregularities,
        [
            Irregularity::Duplicate(15),
            skipped(YANGQUAN, "某市人民代表大会常务委员会"),
            skipped(YANGQUAN, "2025年4月20日"),
        ]
    );
}

#[test]
fn short_measures_with_arabic_numbers_and_swapped_articles() {
    let draft = parse(BANFA).unwrap();
    assert_eq!(
        draft.title.as_deref(),
        Some("某市住宅小区电动自行车停放充电管理办法（征求意见稿）")
    );
    assert_eq!(draft.preamble, "");
    assert!(draft.divisions.is_empty());
    assert_eq!(draft.chapters().count(), 0);
    assert_eq!(draft.articles.len(), 12);
    assert_eq!(numbers(&draft), [1, 2, 3, 4, 5, 6, 8, 7, 9, 10, 11, 12]);
    let first = &draft.articles[0];
    assert_eq!(
        (first.label.as_str(), first.title.as_deref()),
        ("第1条", Some("目的依据"))
    );
    let last = &draft.articles[11];
    assert_eq!(
        (last.label.as_str(), last.title.as_deref()),
        ("第12条", Some("施行日期"))
    );
    assert_eq!(last.chapter, None);
    assert_eq!(
        draft.article(6).unwrap().text,
        "任何单位和个人不得有下列行为：\n\
         （1）在建筑物的公共门厅、疏散走道、楼梯间、安全出口停放电动自行车或者为电动自行车充电；\n\
         （2）私拉电线和插座为电动自行车充电；\n\
         （3）违规改装电动自行车及其蓄电池。"
    );
    assert_eq!(
        draft.article(7).unwrap().title.as_deref(),
        Some("充电设施管理")
    );
    assert_eq!(
        draft.irregularities,
        [
            Irregularity::Gap { after: 6, next: 8 },
            Irregularity::OutOfOrder { after: 8, found: 7 },
            skipped(BANFA, "附件1："),
            skipped(BANFA, "一、充电设施应当设置在室外"),
            skipped(BANFA, "二、充电设施应当具备"),
        ]
    );
}

#[test]
fn long_regulation_with_parts_sections_and_untitled_table_of_contents() {
    let draft = parse(SHIRONG).unwrap();
    assert_eq!(
        draft.title.as_deref(),
        Some("某市市容和环境卫生管理条例（草案）")
    );
    assert_eq!(
        draft.preamble,
        "（2025年9月26日提请市人大常委会第二十五次会议第一次审议）"
    );
    assert_eq!(draft.irregularities, []);

    let count = |level| draft.divisions.iter().filter(|d| d.level == level).count();
    assert_eq!(count(DivisionLevel::Part), 4);
    assert_eq!(count(DivisionLevel::Chapter), 11);
    assert_eq!(count(DivisionLevel::Section), 7);
    let parts: Vec<&Division> = draft
        .divisions
        .iter()
        .filter(|d| d.level == DivisionLevel::Part)
        .collect();
    assert_eq!(
        titles(&parts),
        ["总则", "市容管理", "环境卫生", "监督和法律责任"]
    );
    assert_eq!(parts[3].label, "第四编");
    let chapters: Vec<&Division> = draft.chapters().collect();
    assert_eq!(chapters[10].label, "第十一章");
    assert_eq!(chapters[10].title, "附则");

    assert_eq!(draft.articles.len(), 112);
    assert_eq!(numbers(&draft), (1..=112).collect::<Vec<_>>());
    assert_eq!(draft.articles[100].label, "第一百零一条");
    assert_eq!(draft.articles[109].label, "第一百一十条");
    assert_eq!(draft.articles[111].label, "第一百一十二条");
    assert_eq!(draft.articles[111].text, "本条例自2026年5月1日起施行。");

    // 第二节城市照明和景观灯光: a section heading glued to its title.
    let lighting = draft.article(21).unwrap();
    let section = &draft.divisions[lighting.section.unwrap()];
    assert_eq!(
        (section.label.as_str(), section.title.as_str()),
        ("第二节", "城市照明和景观灯光")
    );
    assert_eq!(
        draft.divisions[lighting.chapter.unwrap()].title,
        "建筑物、构筑物和设施"
    );
    assert_eq!(
        draft.article(43).unwrap().section,
        None,
        "a new chapter ends the section"
    );

    // Chapter 7 (生活垃圾分类) with its three sections.
    let index = draft
        .divisions
        .iter()
        .position(|d| d.title == "生活垃圾分类")
        .unwrap();
    let in_chapter: Vec<u32> = draft
        .division_articles(index)
        .iter()
        .map(|a| a.number)
        .collect();
    assert_eq!(in_chapter, (63..=86).collect::<Vec<_>>());

    assert_eq!(
        draft.article(101).unwrap().text,
        "违反本条例规定的行为，法律、行政法规已有法律责任规定的，依照其规定处理；\
         法律、行政法规没有规定的，依照本条例第一百零二条的规定处理。"
    );
    assert_eq!(
        draft.article(105).unwrap().text,
        "运输车辆沿途泄漏、遗撒的，依照本条例第四十八条规定，由城市管理部门责令清除，\
         处五千元以上五万元以下罚款。"
    );
    assert_eq!(
        draft.article(30).unwrap().text,
        "有下列情形之一的，不得设置户外广告设施：\n（一）利用交通安全设施、交通标志的；\n\
         （二）影响市政公共设施、交通安全设施使用的；\n（三）利用危险房屋或者可能危及建筑物安全的；\n\
         （四）国家机关、文物保护单位和名胜古迹的建筑控制地带内的。"
    );
}

#[test]
fn crlf_and_cr_parse_like_lf() {
    let lf = parse(WUYE).unwrap();
    assert_eq!(parse(&WUYE.replace('\n', "\r\n")).unwrap(), lf);
    assert_eq!(parse(&WUYE.replace('\n', "\r")).unwrap(), lf);
    assert_eq!(
        read_draft("x.txt", WUYE.replace('\n', "\r\n").as_bytes()).unwrap(),
        WUYE
    );
}

#[test]
fn gbk_bom_and_utf16_read_like_utf8() {
    for fixture in [WUYE, YANGQUAN, BANFA, SHIRONG] {
        let expected = parse(fixture).unwrap();
        let (gbk, _, unmappable) = encoding_rs::GB18030.encode(fixture);
        assert!(!unmappable);
        assert!(std::str::from_utf8(&gbk).is_err(), "really not UTF-8");
        let text = read_draft("草案.TXT", &gbk).unwrap();
        assert_eq!(text, fixture);
        assert_eq!(parse(&text).unwrap(), expected);

        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(fixture.as_bytes());
        assert_eq!(
            parse(&read_draft("draft.md", &bom).unwrap()).unwrap(),
            expected
        );

        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend(fixture.encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(
            parse(&read_draft("draft", &utf16).unwrap()).unwrap(),
            expected
        );
    }
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// One `w:p` per line; indentation becomes a `w:tab`; a heading's label, title and
/// text are separate runs; long lines are split into two runs mid-way.
fn document_xml(text: &str) -> String {
    let mut body = String::new();
    for line in text.lines() {
        body.push_str("<w:p><w:pPr><w:tabs><w:tab w:val=\"left\" w:pos=\"420\"/></w:tabs></w:pPr>");
        let mut rest = line;
        if let Some(stripped) = rest.strip_prefix("　　") {
            body.push_str("<w:r><w:tab/></w:r>");
            rest = stripped;
        }
        let mut pieces: Vec<String> = Vec::new();
        if let Some(end) = rest.find('条').filter(|_| rest.starts_with('第')) {
            pieces.push(rest[..end + '条'.len_utf8()].to_owned());
            rest = &rest[end + '条'.len_utf8()..];
        }
        let chars: Vec<char> = rest.chars().collect();
        let middle = chars.len() / 2;
        pieces.push(chars[..middle].iter().collect());
        pieces.push(chars[middle..].iter().collect());
        for piece in pieces.iter().filter(|p| !p.is_empty()) {
            body.push_str(&format!(
                "<w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">{}</w:t></w:r>",
                xml_escape(piece)
            ));
        }
        body.push_str("</w:p>");
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
         <w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
         <w:body>{body}<w:sectPr/></w:body></w:document>"
    )
}

fn docx(document: &str) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    writer.start_file("[Content_Types].xml", options).unwrap();
    writer
        .write_all(
            b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
              <Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
              <Override PartName=\"/word/document.xml\" ContentType=\
              \"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>\
              </Types>",
        )
        .unwrap();
    writer.start_file("word/document.xml", options).unwrap();
    writer.write_all(document.as_bytes()).unwrap();
    writer.finish().unwrap().into_inner()
}

#[test]
fn docx_parses_like_its_text() {
    for fixture in [WUYE, YANGQUAN, SHIRONG] {
        let bytes = docx(&document_xml(fixture));
        let text = read_draft("条例草案.DocX", &bytes).unwrap();
        assert_eq!(parse(&text).unwrap(), parse(fixture).unwrap());
    }
}

#[test]
fn docx_reads_breaks_entities_and_ignores_deleted_text() {
    let xml = "<w:document xmlns:w=\"w\"><w:body>\
        <w:p><w:r><w:t>第一条</w:t><w:tab/><w:t>A&amp;B&#x4E00;</w:t></w:r></w:p>\
        <w:p><w:r><w:t>甲</w:t><w:br/><w:t>乙</w:t></w:r><w:r><w:delText>删</w:delText></w:r></w:p>\
        <w:p/></w:body></w:document>";
    assert_eq!(
        read_draft("a.docx", &docx(xml)).unwrap(),
        "第一条\tA&B一\n甲\n乙\n\n"
    );
}

#[test]
fn bad_files_are_refused_with_a_reason() {
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0";
    assert_eq!(read_draft("scan.txt", png), Err(DraftError::Binary));
    let controls: Vec<u8> = (0..200u8)
        .map(|i| if i % 3 == 0 { 0x01 } else { b'a' })
        .collect();
    assert_eq!(read_draft("x.txt", &controls), Err(DraftError::Binary));
    assert_eq!(read_draft("x.txt", b""), Err(DraftError::Empty));
    assert_eq!(
        read_draft("x.txt", " \n\t\r\n　".as_bytes()),
        Err(DraftError::Empty)
    );
    assert_eq!(
        parse("关于某事的通知\n请各单位依照本条例第五条执行。"),
        Err(DraftError::NoArticles)
    );
    assert_eq!(parse(""), Err(DraftError::NoArticles));

    let huge = vec![b'a'; MAX_DRAFT_BYTES + 1];
    assert_eq!(
        read_draft("x.txt", &huge),
        Err(DraftError::TooLarge {
            size: MAX_DRAFT_BYTES as u64 + 1,
            limit: MAX_DRAFT_BYTES as u64
        })
    );
    // Invalid UTF-8 and invalid GB18030 (0x81 must be followed by a valid trail byte).
    assert_eq!(
        read_draft("x.txt", b"abc\x81 def"),
        Err(DraftError::Undecodable)
    );
    // Valid GB18030, but only rare characters: byte soup, not Chinese text.
    let soup: Vec<u8> = (0..100u8)
        .flat_map(|i| [0x81 + i % 30, 0x40 + i % 60])
        .collect();
    assert!(
        encoding_rs::GB18030
            .decode_without_bom_handling_and_without_replacement(&soup)
            .is_some()
    );
    assert_eq!(read_draft("x.txt", &soup), Err(DraftError::Undecodable));
    assert_eq!(
        read_draft("x.txt", b"\xEF\xBB\xBF\xFF"),
        Err(DraftError::Undecodable)
    );

    assert_eq!(
        read_draft("草案.PDF", b"%PDF-1.7"),
        Err(DraftError::UnsupportedType {
            extension: "pdf".into()
        })
    );
    for name in ["a.doc", "a.exe", "a.wps"] {
        assert!(matches!(
            read_draft(name, b"x"),
            Err(DraftError::UnsupportedType { .. })
        ));
    }
    assert!(matches!(
        read_draft("a.docx", WUYE.as_bytes()),
        Err(DraftError::NotDocx { .. })
    ));
    let no_document = {
        let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        writer
            .start_file("hello.txt", zip::write::SimpleFileOptions::default())
            .unwrap();
        writer.write_all(b"hi").unwrap();
        writer.finish().unwrap().into_inner()
    };
    assert!(matches!(
        read_draft("a.docx", &no_document),
        Err(DraftError::NotDocx { .. })
    ));
    assert!(matches!(
        read_draft("a.docx", &docx("<w:document><w:body><w:p>")),
        Err(DraftError::NotDocx { .. }) | Err(DraftError::Empty)
    ));
    assert_eq!(
        read_draft("a.docx", &docx("<w:document/>")),
        Err(DraftError::Empty)
    );
}

#[test]
fn markdown_headings_and_bold_labels() {
    let md = "# 某市全民阅读促进条例（草案）\n\n## 第一章 总则\n\n**第一条** 为了促进全民阅读，制定本条例。\n\n\
              **第二条**【适用范围】本市行政区域内的全民阅读促进工作，适用本条例。\n";
    let draft = parse(md).unwrap();
    assert_eq!(draft.title.as_deref(), Some("某市全民阅读促进条例（草案）"));
    assert_eq!(draft.chapters().next().unwrap().title, "总则");
    assert_eq!(numbers(&draft), [1, 2]);
    assert_eq!(draft.articles[1].title.as_deref(), Some("适用范围"));
    assert_eq!(draft.articles[0].text, "为了促进全民阅读，制定本条例。");
}

#[test]
fn headings_versus_cross_references() {
    let text = "第一条 为了规范管理，制定本条例。\n\
                第二条违反本条例\n\
                第五条规定的，依法处理。\n\
                第三条　本条例所称管理，\n\
                第四条所列事项除外。\n\
                第四条本条例自公布之日起施行。\n\
                第五条　前款规定，适用\n\
                第六条";
    let draft = parse(text).unwrap();
    assert_eq!(numbers(&draft), [1, 2, 3, 4, 5, 6]);
    assert_eq!(
        draft.article(2).unwrap().text,
        "违反本条例第五条规定的，依法处理。"
    );
    assert_eq!(
        draft.article(3).unwrap().text,
        "本条例所称管理，第四条所列事项除外。"
    );
    // Alone on its line a heading is a heading, whatever the line before.
    let wrapped =
        parse("第一条　犬链长度不超过\n1.5米，并由成年人牵领：\n1.束犬链；\n（二）戴嘴套。")
            .unwrap();
    assert_eq!(
        wrapped.articles[0].text,
        "犬链长度不超过1.5米，并由成年人牵领：\n1.束犬链；\n（二）戴嘴套。"
    );
    assert_eq!(draft.article(6).unwrap().text, "");
    assert_eq!(draft.irregularities, []);

    // Out of sequence but separated by a space: a heading, and reported.
    let draft = parse("第一条 甲。\n第三条 乙。\n第二条 丙。\n第二条丁。").unwrap();
    assert_eq!(numbers(&draft), [1, 3, 2]);
    assert_eq!(draft.article(2).unwrap().text, "丙。\n第二条丁。");
    assert_eq!(
        draft.irregularities,
        [
            Irregularity::Gap { after: 1, next: 3 },
            Irregularity::OutOfOrder { after: 3, found: 2 }
        ]
    );

    // A glued chapter-like line inside an article is text (punctuation, number).
    let draft =
        parse("第一章 总则\n第一条 依照本法\n第三章规定的程序，办理。\n第二章 附则\n第二条 施行。")
            .unwrap();
    assert_eq!(draft.divisions.len(), 2);
    assert_eq!(
        draft.article(1).unwrap().text,
        "依照本法第三章规定的程序，办理。"
    );
    assert_eq!(draft.article(2).unwrap().chapter, Some(1));
}

#[test]
fn title_falls_back_to_the_notice_and_stray_lines_are_skipped() {
    let text = "关于征求《某市河道管理条例（修正案草案）》意见的通知\n各单位：\n现将草案印发。\n\
                第一章 总则\n本章规定一般事项\n第一条 为了加强河道管理，制定本条例。";
    let draft = parse(text).unwrap();
    assert_eq!(
        draft.title.as_deref(),
        Some("某市河道管理条例（修正案草案）")
    );
    assert_eq!(draft.preamble.lines().count(), 3);
    assert_eq!(
        draft.irregularities,
        [Irregularity::SkippedLine {
            line: 5,
            text: "本章规定一般事项".into()
        }]
    );
    assert_eq!(draft.divisions[0].first_article, 0);
    assert_eq!(draft.article(1).unwrap().chapter, Some(0));
}

#[test]
fn draft_survives_json() {
    let draft = parse(WUYE).unwrap();
    let json = serde_json::to_string(&draft).unwrap();
    assert_eq!(serde_json::from_str::<Draft>(&json).unwrap(), draft);
}

const FRAGMENTS: &[&str] = &[
    "为了规范管理，",
    "依照本条例",
    "第五条规定的",
    "第十二条",
    "的规定处理。",
    "（一）",
    "应当",
    "违反本条例第三条",
    "第一百零一条",
    "　",
    "【标题】",
    "第二章",
    "总则",
    "。",
    "；",
    "本条例自公布之日起施行。",
];

prop_compose! {
    fn generated_draft()(
        numbers in prop::collection::vec(1u32..150, 1..40),
        separators in prop::collection::vec(0usize..4, 40),
        bodies in prop::collection::vec(prop::collection::vec(prop::collection::vec(0..FRAGMENTS.len(), 0..6), 0..4), 40),
    ) -> String {
        let mut text = String::from("某市测试条例（草案）\n");
        for (k, n) in numbers.iter().enumerate() {
            let label = if k % 5 == 4 { n.to_string() } else { to_chinese_number(*n) };
            // The first heading is separated: a draft whose only candidates are glued
            // and out of sequence has no articles, which is not what this tests.
            let separator = ["　", " ", "【目的】", ""][if k == 0 { 0 } else { separators[k] }];
            text.push_str(&format!("第{label}条{separator}"));
            for line in &bodies[k] {
                for &f in line {
                    text.push_str(FRAGMENTS[f]);
                }
                text.push('\n');
            }
            text.push('\n');
        }
        text
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 256,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn parse_never_panics(text in any::<String>()) {
        let _ = parse(&text);
    }

    #[test]
    fn parse_never_panics_on_heading_soup(
        parts in prop::collection::vec(prop::sample::select(vec![
            "第", "一", "十", "百", "千", "零", "两", "1", "９", "条", "章", "节", "编", "\n", "　", " ",
            "【", "】", "〔", "（", "）", "(", "目录", "附件", "2024年5月1日", "《", "》", "草案",
            "。", "，", "依照本条例", "规定", "\r", "\u{feff}", "**", "#",
        ]), 0..80)
    ) {
        let _ = parse(&parts.concat());
    }

    #[test]
    fn read_draft_never_panics(
        bytes in prop::collection::vec(any::<u8>(), 0..2000),
        name in prop::sample::select(vec!["a.txt", "a.docx", "a.md", "a", "a.pdf"]),
    ) {
        let _ = read_draft(name, &bytes);
    }

    /// Any mix of heading quirks, openers and wrapped references to the next article:
    /// every article is found, with its text, and nothing is left to check.
    #[test]
    fn quirky_headings_are_all_found(
        choices in prop::collection::vec(
            (0usize..15, 0usize..7, 0usize..OPENERS.len()).prop_map(|(a, b, c)| [a, b, c]),
            1..60,
        )
    ) {
        let (text, expected, chapters) = quirky_draft_of(&choices);
        assert_quirky(&parse(&text).unwrap(), &expected, chapters);
    }

    #[test]
    fn numbers_increase_or_the_irregularity_is_reported(text in generated_draft()) {
        let draft = parse(&text).unwrap();
        for pair in draft.articles.windows(2) {
            let (a, b) = (pair[0].number, pair[1].number);
            if b <= a {
                let reported = draft.irregularities.iter().any(|i| {
                    matches!(i, Irregularity::OutOfOrder { found, .. } if *found == b)
                        || matches!(i, Irregularity::Duplicate(n) if *n == b)
                });
                prop_assert!(reported, "{} after {} not reported: {:?}", b, a, draft.irregularities);
            }
        }
    }
}

#[test]
fn table_of_contents_with_sections_is_skipped() {
    let text = "某市河长制条例（草案）\n目　录\n第一章　总则\n第二章　河长职责\n第一节　市级河长\n\
                第二节　区级河长\n第三章　考核\n第一节　考核内容\n第二节　结果运用\n\
                第一章　总则\n第一条　为了全面推行河长制，制定本条例。\n第二章　河长职责\n\
                第一节　市级河长\n第二条　市级河长负责统筹。\n第二节　区级河长\n第三条　区级河长负责落实。\n\
                第三章　考核\n第一节　考核内容\n第四条　考核内容包括水质。\n第二节　结果运用\n\
                第五条　考核结果作为评价依据。";
    let draft = parse(text).unwrap();
    assert_eq!(draft.title.as_deref(), Some("某市河长制条例（草案）"));
    assert_eq!(draft.preamble, "");
    assert_eq!(draft.divisions.len(), 7);
    assert_eq!(draft.irregularities, []);
    let sections: Vec<(String, usize)> = draft
        .articles
        .iter()
        .map(|a| {
            (
                draft.divisions[a.section.unwrap_or(0)].title.clone(),
                a.chapter.unwrap(),
            )
        })
        .collect();
    assert_eq!(sections[3], ("考核内容".to_owned(), 4));
}

#[test]
fn big_input_is_parsed_in_linear_time() {
    let mut text = String::new();
    for n in 1..=limits::DRAFT_ARTICLES as u32 {
        text.push_str(&format!("第{}条　", to_chinese_number(n)));
        for _ in 0..5 {
            text.push_str("物业服务人应当按照物业服务合同的约定提供服务，并依照本条例\n");
        }
        text.push_str("第五条规定的程序办理。\n");
    }
    let started = std::time::Instant::now();
    let draft = parse(&text).unwrap();
    assert_eq!(draft.articles.len(), limits::DRAFT_ARTICLES);
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
}

/// Word XML that holds no text, for bombs that must be refused by their size alone.
const EMPTY_XML: &[u8] =
    b"<w:bookmarkStart w:id=\"0\" w:name=\"_GoBack\"/><w:bookmarkEnd w:id=\"0\"/>";
/// A paragraph with an article in it, as the bomb in issue 14 repeated 1.5 million times.
const ARTICLE_XML: &[u8] =
    "<w:p><w:r><w:t>第一条 本条例自公布之日起施行。</w:t></w:r></w:p>".as_bytes();

fn docx_bomb(pattern: &[u8], size: usize, declared: u32) -> Vec<u8> {
    test_bombs::zip(&[
        test_bombs::Member::stored(
            "[Content_Types].xml",
            b"<?xml version=\"1.0\"?><Types/>".to_vec(),
        ),
        test_bombs::Member::bomb("word/document.xml", pattern, size, declared),
    ])
}

#[test]
fn a_docx_bomb_is_refused_within_the_limits_whatever_size_it_declares() {
    const HUGE: usize = 400 * 1024 * 1024;
    let unpacked = Err(DraftError::Unpacked {
        limit: limits::ZIP_MEMBER_BYTES,
    });
    // Honest about its size: refused before anything is unpacked.
    let honest = docx_bomb(EMPTY_XML, HUGE, HUGE as u32);
    assert!(honest.len() < 5 * 1024 * 1024, "{}", honest.len());
    let started = std::time::Instant::now();
    let (read, peak) = test_bombs::heap_peak(|| read_draft("草案.docx", &honest));
    assert_eq!(read, unpacked);
    assert!(started.elapsed() < std::time::Duration::from_secs(1));
    assert!(peak < 1024 * 1024, "{peak} bytes of heap");

    // Lying (it says 1 KB): the zip reader stops where the declared size ends (and
    // the limited reader would stop at the limit), holding a few buffers, never the
    // document.
    let liar = docx_bomb(EMPTY_XML, HUGE, 1024);
    let (read, peak) = test_bombs::heap_peak(|| read_draft("草案.docx", &liar));
    assert!(matches!(read, Err(DraftError::NotDocx { .. })), "{read:?}");
    assert!(peak < 4 * 1024 * 1024, "{peak} bytes of heap");

    // Issue 14's bomb, under the unpacked limit: paragraphs of articles. Its text is
    // refused at the limit on characters, long before the document is unpacked.
    let size = limits::ZIP_MEMBER_BYTES as usize - 1024;
    let articles = docx_bomb(ARTICLE_XML, size, size as u32);
    let (read, peak) = test_bombs::heap_peak(|| read_draft("草案.docx", &articles));
    assert_eq!(
        read,
        Err(DraftError::TooLong {
            limit: limits::DRAFT_TEXT_CHARS
        })
    );
    assert!(peak < 8 * 1024 * 1024, "{peak} bytes of heap");
}

#[test]
fn a_draft_is_bounded_in_characters_and_articles() {
    let article = |n: u32| format!("第{}条 本条例自公布之日起施行。\n", to_chinese_number(n));
    let most: String = (1..=limits::DRAFT_ARTICLES as u32).map(article).collect();
    assert_eq!(parse(&most).unwrap().articles.len(), limits::DRAFT_ARTICLES);
    let too_many = format!("{most}{}", article(limits::DRAFT_ARTICLES as u32 + 1));
    let refused = Err(DraftError::TooManyArticles {
        limit: limits::DRAFT_ARTICLES,
    });
    assert_eq!(parse(&too_many), refused);
    assert_eq!(
        parse(&read_draft("a.docx", &docx(&document_xml(&too_many))).unwrap()),
        refused
    );

    // Many short articles within the character limit: the parser stops at the first
    // one too many instead of building them all.
    let flood: String = (1..=60_000).map(|n| format!("第{n}条\n")).collect();
    assert!(flood.chars().count() < limits::DRAFT_TEXT_CHARS);
    let (parsed, peak) = test_bombs::heap_peak(|| parse(&flood));
    assert_eq!(parsed, refused);
    assert!(peak < 4 * 1024 * 1024, "{peak} bytes of heap");

    // One article as long as a whole draft may not be: an annex nobody marked.
    let annex = "附表内容。".repeat(limits::ARTICLE_CHARS / 5 + 1);
    assert_eq!(
        parse(&format!("第一条 甲。\n第二条 乙。\n{annex}\n第三条 丙。")),
        Err(DraftError::ArticleTooLong {
            label: "第二条".into(),
            limit: limits::ARTICLE_CHARS
        })
    );
    let longest = "附表内容。".repeat(limits::ARTICLE_CHARS / 5);
    assert!(parse(&format!("第一条 {longest}")).is_ok());

    let long = "本条例自公布之日起施行。".repeat(limits::DRAFT_TEXT_CHARS / 12 + 1);
    let too_long = DraftError::TooLong {
        limit: limits::DRAFT_TEXT_CHARS,
    };
    let text = format!("第一条 {long}");
    assert_eq!(parse(&text), Err(too_long.clone()));
    assert_eq!(read_draft("a.txt", text.as_bytes()), Err(too_long.clone()));
    // Encoded piecewise: encoding half a megabyte with a debug build takes seconds.
    let (head, _, _) = encoding_rs::GB18030.encode("第一条 ");
    let (sentence, _, _) = encoding_rs::GB18030.encode("本条例自公布之日起施行。");
    let gbk = [
        &head[..],
        &sentence.repeat(limits::DRAFT_TEXT_CHARS / 12 + 1),
    ]
    .concat();
    assert_eq!(read_draft("a.txt", &gbk), Err(too_long));
}

/// How the first 款 of a generated article begins: ordinary openings, and words that
/// also continue a cross-reference (有关, 项, 中, 所, 及, 关于, 以下, 条, 列, 与, 并),
/// which kept a glued heading from being recognised.
const OPENERS: &[&str] = &[
    "有关部门应当",
    "项目实施主体应当",
    "中小学校周边的改造项目应当",
    "所有权人应当",
    "及时公开改造信息，并",
    "关于城市更新的事项，区人民政府应当",
    "以下事项由市住房城乡建设部门",
    "条件具备的街道应当",
    "列入更新计划的项目应当",
    "与城市更新有关的单位应当",
    "并联审批的项目应当",
    "为了推进城市更新，各区应当",
    "本市",
    "市人民政府应当",
];

/// Full-width digits, as some converters write them: 第２１条.
fn full_width(n: u32) -> String {
    n.to_string()
        .chars()
        .map(|c| char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap())
        .collect()
}

/// A generated draft of `count` articles whose headings carry every quirk of text
/// converted from PDF or Word in turn (glued to the text, indented with spaces, tabs,
/// no-break or full-width spaces, spaced inside the number, Arabic and full-width
/// digits, a colon, a zero-width space, bold marks), with cross-references to the very
/// next article wrapped to the start of a line. Returns the text and, per article,
/// its label, title and text as the parser should find them.
/// Per article, its label, title and text as the parser should find them.
type Expected = Vec<(String, Option<String>, String)>;

fn quirky_draft(count: u32) -> (String, Expected, usize) {
    let choices: Vec<[usize; 3]> = (1..=count as usize)
        .map(|n| [n % 15, n % 7, n % OPENERS.len()])
        .collect();
    quirky_draft_of(&choices)
}

/// [`quirky_draft`] with each article's heading quirk (0–14), cross-reference (0–6,
/// 1–4 wrap a reference to the next article; none in the last article, which has no
/// next) and opener chosen; also returns the number of chapters.
fn quirky_draft_of(choices: &[[usize; 3]]) -> (String, Expected, usize) {
    let count = choices.len() as u32;
    let chapters = [
        "总则",
        "规划管理",
        "实施主体",
        "保障措施",
        "监督管理",
        "附则",
    ];
    let per_chapter = count.div_ceil(chapters.len() as u32);
    let mut text = String::from("某市城市更新条例（草案）\n");
    let mut expected = Vec::new();
    for (n, &[quirk, reference, opener]) in (1..=count).zip(choices) {
        if (n - 1) % per_chapter == 0 {
            let k = ((n - 1) / per_chapter) as usize;
            let label = format!("第{}章", to_chinese_number(k as u32 + 1));
            let heading = match k % 3 {
                0 => format!("{label}　{}", chapters[k]),
                1 => format!("{label}{}", chapters[k]),
                _ => format!("　　{label}　　{}", chapters[k]),
            };
            text.push_str(&heading);
            text.push('\n');
        }
        let cn = to_chinese_number(n);
        let next = to_chinese_number(n + 1);
        let opener = OPENERS[opener % OPENERS.len()];
        let reference = if n == count { 0 } else { reference };
        // The first 款, with a cross-reference to the next article wrapped to the
        // start of a line now and then (written, then as the parser joins it).
        let (first_written, first) = match reference {
            1 => (
                format!("{opener}做好工作，依照本条例\n第{next}条的规定执行。"),
                format!("{opener}做好工作，依照本条例第{next}条的规定执行。"),
            ),
            2 => (
                format!("{opener}做好工作；违反本条例\n第{next}条规定的，依法处理。"),
                format!("{opener}做好工作；违反本条例第{next}条规定的，依法处理。"),
            ),
            3 => (
                format!("{opener}做好工作，并按照\n第{next}条有关规定执行。"),
                format!("{opener}做好工作，并按照第{next}条有关规定执行。"),
            ),
            4 => (
                format!("{opener}做好工作，但是\n第{next}条所列事项除外。"),
                format!("{opener}做好工作，但是第{next}条所列事项除外。"),
            ),
            _ => {
                let s = format!("{opener}做好城市更新相关工作。");
                (s.clone(), s)
            }
        };
        // Every fifth article ends in an item without punctuation, so the next heading
        // follows an unfinished line.
        let rest = if n % 5 == 0 {
            "\n（一）编制更新规划；\n（二）其他事项"
        } else {
            ""
        };
        let (label, title) = match quirk {
            6 => (format!("第{n}条"), None),
            7 => (format!("第{}条", full_width(n)), None),
            13 => (format!("第{cn}条"), Some("职责".to_owned())),
            _ => (format!("第{cn}条"), None),
        };
        let heading = match quirk {
            0 => format!("第{cn}条　"),
            1 => format!("第{cn}条"),
            2 => format!("    第{cn}条 "),
            3 => format!("　　第{cn}条"),
            4 => format!("\t第{cn}条\t"),
            5 => format!("\u{a0}\u{a0}第{cn}条"),
            6 => format!("第{n}条"),
            7 => format!("第{}条　", full_width(n)),
            8 => format!("第 {cn} 条"),
            9 => format!("第{cn}条："),
            10 => format!("第{cn}条\n"),
            11 => format!("\u{200b}第{cn}条"),
            12 => format!("**第{cn}条**"),
            13 => format!("第{cn}条【职责】"),
            _ => format!(" 第{cn}条"),
        };
        text.push_str(&format!("{heading}{first_written}{rest}\n"));
        expected.push((label, title, format!("{first}{rest}")));
    }
    let chapters = count.div_ceil(per_chapter) as usize;
    (text, expected, chapters)
}

fn assert_quirky(draft: &Draft, expected: &[(String, Option<String>, String)], chapters: usize) {
    assert_eq!(draft.irregularities, [], "nothing to check");
    assert_eq!(
        numbers(draft),
        (1..=expected.len() as u32).collect::<Vec<_>>()
    );
    for (article, (label, title, text)) in draft.articles.iter().zip(expected) {
        assert_eq!(
            (&article.label, &article.title, &article.text),
            (label, title, text),
            "article {}",
            article.number
        );
    }
    assert_eq!(draft.chapters().count(), chapters);
}

/// Issue 14, item 13: headings that lost their separator or gained an indentation
/// are headings when they carry the next number; cross-references to that number
/// wrapped to the start of a line stay text. In .txt (UTF-8 and GB18030) and .docx.
#[test]
fn headings_with_every_conversion_quirk_are_found() {
    let (text, expected, chapters) = quirky_draft(300);
    assert_eq!(chapters, 6);
    assert_quirky(&parse(&text).unwrap(), &expected, chapters);
    assert_quirky(
        &parse(&text.replace('\n', "\r\n")).unwrap(),
        &expected,
        chapters,
    );
    let (gbk, _, unmappable) = encoding_rs::GB18030.encode(&text);
    assert!(!unmappable);
    assert_quirky(
        &parse(&read_draft("草案.txt", &gbk).unwrap()).unwrap(),
        &expected,
        chapters,
    );
    let word = docx(&document_xml(&text));
    assert_quirky(
        &parse(&read_draft("草案.docx", &word).unwrap()).unwrap(),
        &expected,
        chapters,
    );
}

#[test]
fn a_glued_line_with_the_next_number_is_a_heading_only_where_the_numbering_needs_it() {
    // A page break (blank line) inside a reference to the next article: the article's
    // own heading follows, so the reference stays text.
    let text =
        "第一条 有关部门应当按照本条例\n\n第二条有关规定执行。\n第二条有关部门应当公开信息。";
    let draft = parse(text).unwrap();
    assert_eq!(numbers(&draft), [1, 2]);
    assert_eq!(
        draft.article(1).unwrap().text,
        "有关部门应当按照本条例\n第二条有关规定执行。"
    );
    assert_eq!(draft.article(2).unwrap().text, "有关部门应当公开信息。");
    assert_eq!(draft.irregularities, []);

    // A sentence that starts with a reference to the next article, whose heading
    // follows: text.
    let draft = parse("第七条 甲。\n第八条有关规定不适用于乙。\n第八条 丙。").unwrap();
    assert_eq!(numbers(&draft), [7, 8]);
    assert_eq!(draft.articles[0].text, "甲。\n第八条有关规定不适用于乙。");
    assert_eq!(draft.articles[1].text, "丙。");

    // After an unfinished line, with no later 第二条: the heading.
    let text = "第一条 有关部门应当做好下列工作：\n（一）编制规划\n第二条有关部门应当公开信息。\n第三条 施行。";
    let draft = parse(text).unwrap();
    assert_eq!(numbers(&draft), [1, 2, 3]);
    assert_eq!(draft.irregularities, []);
}
