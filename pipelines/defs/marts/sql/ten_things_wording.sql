-- "10 things we learnt" figures worded as people write them (SPEC section 3 "Publication").

-- Whole numbers rounded half away from zero, as people round: 48.5 -> 49, -2.5 -> -3.
create or replace macro rounded_whole(x) as (sign(x) * floor(abs(x) + 0.5))::bigint;

-- One decimal place, rounded half away from zero: 3.85 -> 3.9.
create or replace macro rounded_tenth(x) as format('{:.1f}', sign(x) * floor(abs(x) * 10 + 0.5) / 10);

-- The power of ten of a count's first digit: 537 -> 100, 2345 -> 1000.
create or replace macro first_digit_unit(n) as (10 ** (length(n::bigint::varchar) - 1))::bigint;

-- A count of 100 or more is floored to one significant figure and said "over 500";
-- never "over" when the count is exact (500 is "500"). Thousands get a comma: "over 2,000".
create or replace macro count_in_words(n) as case
    when n >= 100 and n::bigint % first_digit_unit(n) <> 0
        then 'over ' || format('{:,}', n::bigint // first_digit_unit(n) * first_digit_unit(n))
    else format('{:,}', n::bigint)
end;

-- Percentages are whole numbers: 48.49 -> "48%".
create or replace macro percent_in_words(x) as rounded_whole(x) || '%';

-- NPS is a whole number with its sign: "+33", "0", "-12".
create or replace macro nps_in_words(x) as case when rounded_whole(x) > 0 then '+' else '' end || rounded_whole(x);

-- Money is whole pounds: 12.31 -> "£12", 1100 -> "£1,100".
create or replace macro money_in_words(x) as
case when rounded_whole(x) < 0 then '-£' else '£' end || format('{:,}', abs(rounded_whole(x)));

-- A figure may open the sentence: "over 500 people" -> "Over 500 people".
create or replace macro as_sentence(phrase) as upper(left(phrase, 1)) || substr(phrase, 2);

create or replace macro plural(n, one, many) as case when n = 1 then one else many end
