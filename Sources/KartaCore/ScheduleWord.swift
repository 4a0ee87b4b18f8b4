/// A function word of timing phrases, recognised exactly.
enum ScheduleKeyword: Sendable, Equatable {
    /// «с», «со», «после».
    case from
    /// «ранее», «раньше» (of «не ранее»).
    case notBefore
    /// «до».
    case until
    /// «по».
    case to
    /// «к», «ко».
    case by
    /// «позднее», «позже» (of «не позднее»).
    case notLater
    /// «и», «или».
    case and
    /// «конец», «конца», «концу», «конце».
    case end
    /// «окончания», «завершения».
    case completion
    /// «начало», «начале», «начала».
    case beginning
    /// «середина», «середине», «середины», «середину».
    case middle
    /// «в», «во».
    case into
    /// «раз», «раза».
    case times
    /// «плану», «планом», «согласно», «соответствии», «согласованию».
    case external
    /// «постоянно», «непрерывно».
    case permanently
    /// «течение», «течении» (a common typo), «протяжении».
    case during
    /// «весь», «всего», «всей».
    case whole
    /// «мере» (of «по мере необходимости»).
    case measure
    /// «при», «случае» (of «при необходимости», «в случае необходимости»).
    case when
    /// «реализации».
    case implementation
    /// «кроме», «исключением» (of «за исключением»): what follows is left out, not named.
    case except
    /// Words that may stand between a marker and its date: «на», «срок», «не», «начиная», «числа».
    case filler
}

/// A word family recognised by its beginning.
enum ScheduleStem: Sendable, Equatable {
    /// «учебный», «уч.».
    case school
    /// «год», «года», «годы».
    case year
    /// «период», «периода».
    case period
    /// «срок», «сроки».
    case term
    /// «проект», «проекта».
    case project
    /// «календарного».
    case calendar
    /// «отчетного».
    case reporting
    /// «необходимости», «потребности».
    case need
    /// «запросу», «заявкам», «требованию».
    case request
    /// «графику», «расписанию».
    case timetable
    /// «установленные».
    case established
    /// «круглогодично».
    case yearRound
    /// «каждый», «каждую».
    case every
    /// «недель», «дней», «часов»: a duration, not a date.
    case duration
    /// «каникулы», «каникул».
    case holidays
    /// «половина», «половине»: half of a month or a year, unlike «полугодие» only with a month or «года» after it.
    case halfNoun
    /// «последняя», «последней»: counts a part of a month from its end.
    case last
}

/// A word of a phrase, classified once when the phrase is tokenised, so that reading it compares no strings.
struct ScheduleWord: Sendable, Equatable {
    /// The word, lower-cased.
    var text: String
    var keyword: ScheduleKeyword?
    var stem: ScheduleStem?
    /// 1...12 for a month name in any case, abbreviated or with its ending lost.
    var month: Int?
    var weekday: String?
    /// 1...4 for an ordinal word or a Roman numeral.
    var ordinal: Int?
    /// 1...4 for a number word («два», «дважды»).
    var count: Int?
    var part: ScheduleLexicon.Part?
    var unit: ScheduleLexicon.Unit?
    /// The English description of an adverb of repetition («еженедельно» → «weekly»).
    var adverb: String?
    /// The holidays a season adjective names («осенние» → autumn holidays).
    var holidays: SchoolCalendar.Landmark?
    /// «г», «года», «гг»: follows a year number.
    var isYearWord = false
    /// «й», «го», «е»: the ending of a number written as an ordinal.
    var isOrdinalSuffix = false

    init(_ text: String) {
        self.text = text
    }
}
